import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

const root = import.meta.dirname
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }

/**
 * The dev server injects component CSS as <style> elements, which index.html's CSP forbids.
 * Relax style-src for `electron-vite dev` only; built output keeps the strict policy.
 */
function devStyleCsp(): Plugin {
  return {
    name: 'noom:dev-style-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        // Sandboxed preloads cannot be ES modules, and package.json says "type": "module",
        // so the output is CommonJS with an explicit .cjs name (main loads out/preload/index.cjs).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    define: { __NOOM_VERSION__: JSON.stringify(pkg.version) },
    // The root is src-renderer, so the plugin would not find svelte.config.js on its own.
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') }), devStyleCsp()],
    build: {
      // The rendezvous server serves this directory at `/` to browser guests too, so target
      // browsers in general rather than Electron's (newer) Chromium only.
      target: 'es2022',
      // electron-vite leaves minification off; browsers download this, so it counts (DESIGN budgets).
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: resolve(root, 'src-renderer/index.html'),
      },
    },
  },
})
