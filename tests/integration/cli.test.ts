/**
 * The server as a process, as `noom-server` runs it (from source, as `npm run server:dev` does): it
 * prints where it listens, and on SIGTERM tells its members, stops accepting and exits by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { io as connect } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/index.js'
import type { Socket } from 'socket.io-client'

const started: ChildProcess[] = []
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

function startCli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  return child
}

/** The URL from the server's JSON "ready" log line. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string }
      if (entry.msg === 'ready' && entry.url) resolve(entry.url)
    })
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)))
  })
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })
}

describe('noom-server CLI', () => {
  it('tells members on SIGTERM, closes their connections and exits cleanly', async () => {
    const child = startCli(['--port', '0', '--host', '127.0.0.1'])
    const url = await readyUrl(child)
    const client: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      transports: ['websocket'],
      reconnection: false,
    })
    const joined = await client.emitWithAck('room:join', { room: 'demo', nickname: 'Ann' })
    expect(joined.ok).toBe(true)

    const notice = new Promise((resolve) => client.once('server:notice', resolve))
    const closed = new Promise<string>((resolve) => client.once('disconnect', resolve))
    child.kill('SIGTERM')
    expect(await notice).toMatchObject({ kind: 'shutdown' })
    // A transport close (not a server-side kick) so socket.io-client reconnects by itself.
    expect(await closed).toBe('transport close')
    expect(await exited(child)).toBe(0)
  })

  it('refuses a bad flag with a message naming it, and exit code 2', async () => {
    const child = startCli(['--capacity', 'lots'])
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    expect(await exited(child)).toBe(2)
    expect(stderr).toContain('--capacity (NOOM_CAPACITY): must be a whole number (got "lots")')
  })
})
