#!/usr/bin/env node
// `noom-server`: the rendezvous server compiled by `npm run build:server` (out/server).
import { existsSync } from 'node:fs'

const cli = new URL('../out/server/server/cli.js', import.meta.url)
if (!existsSync(cli)) {
  console.error('noom-server: the server is not built yet; run `npm run build:server` first.')
  process.exit(1)
}
await import(cli.href)
