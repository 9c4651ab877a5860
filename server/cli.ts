/**
 * `noom-server` (`node bin/noom-server.js`, or `npm run server:dev` from source): the rendezvous
 * server as a process, stopped cleanly by signals; `noom-server hash-password` makes the admin
 * password hash.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCli } from './cli-options.js'
import { createRendezvousServer } from './server.js'

/** A server that has not finished its shutdown by then exits anyway. */
const FORCE_EXIT_MS = 5_000

/** The folder holding Noom's package.json, from wherever this file was built to. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2), process.env)
  if (cli.kind === 'help') {
    console.log(cli.text)
    return
  }
  if (cli.kind === 'error') {
    console.error(`noom-server: ${cli.message}`)
    process.exitCode = 2
    return
  }
  if (cli.kind === 'hash-password') {
    // Imported only here: a running server has no use for bcryptjs.
    const { hashPasswordCommand } = await import('./admin/hash-password-command.js')
    process.exitCode = await hashPasswordCommand()
    return
  }
  const staticDir = resolve(cli.options.staticDir ?? join(packageRoot(), 'out', 'renderer'))
  const server = createRendezvousServer({ ...cli.options, staticDir })
  for (const warning of cli.warnings ?? []) server.log.warn(warning)
  try {
    const { url } = await server.listen()
    server.log.info({ url, staticDir: existsSync(staticDir) ? staticDir : null }, 'ready')
  } catch (err) {
    server.log.fatal({ err }, 'could not listen')
    process.exitCode = 1
    return
  }

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    server.log.info({ signal }, 'shutting down')
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref()
    void server.shutdown().then(() => {
      server.log.info('stopped')
      process.exit(0)
    })
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

await main()
