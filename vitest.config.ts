import { resolve } from 'node:path'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { svelteTesting } from '@testing-library/svelte/vite'
import { configDefaults, defineConfig } from 'vitest/config'

const root = import.meta.dirname

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'protocol/**/*.test.ts',
            'contract/**/*.test.ts',
            'server/**/*.test.ts',
            'src-main/**/*.test.ts',
            'src-preload/**/*.test.ts',
            'tests/integration/**/*.test.ts',
          ],
          // Integration tests start real servers and clients; 2-core CI machines need the headroom.
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // The call engine and the call store against a real rendezvous server in this process, over
        // socket.io-client in Node; peer connections are replaced by fakes (Node has no WebRTC).
        plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') })],
        test: {
          name: 'renderer-node',
          environment: 'node',
          include: ['src-renderer/**/*.node.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        plugins: [svelte({ configFile: resolve(root, 'svelte.config.js') }), svelteTesting()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src-renderer/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src-renderer/**/*.node.test.ts'],
          setupFiles: ['./src-renderer/test-setup.ts'],
        },
      },
    ],
  },
})
