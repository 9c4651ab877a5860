/**
 * Runs renderer engine code (plain TypeScript, no Svelte) in real Chromium: esbuild bundles an entry
 * file into one script, served with a blank page from 127.0.0.1 (a secure context, so getUserMedia
 * and WebRTC work). Entry files put what the test drives on `window`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { test as base, type Page } from '@playwright/test'

export { expect } from '@playwright/test'

const repo = resolve(import.meta.dirname, '../..')

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [resolve(repo, entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`)
  return file.text
}

function serve(script: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/entry.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      res.end(script)
      return
    }
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(
      '<!doctype html><meta charset="utf-8"><title>engine</title><script src="/entry.js"></script>',
    )
  })
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      done({ url: `http://127.0.0.1:${port}/`, server })
    })
  })
}

interface EngineFixtures {
  /** Opens `count` pages (one browser context each) running the bundled `entry` (a repo path). */
  enginePages: (entry: string, count?: number) => Promise<Page[]>
}

export const test = base.extend<EngineFixtures>({
  enginePages: async ({ browser }, use) => {
    const servers: Server[] = []
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = []
    await use(async (entry, count = 1) => {
      const { url, server } = await serve(await bundle(entry))
      servers.push(server)
      const pages: Page[] = []
      for (let i = 0; i < count; i++) {
        const context = await browser.newContext()
        contexts.push(context)
        const page = await context.newPage()
        await page.goto(url)
        pages.push(page)
      }
      return pages
    })
    await Promise.all(contexts.map((c) => c.close()))
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  },
})
