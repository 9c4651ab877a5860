/**
 * A real redis-server for tests: started on a free loopback port with nothing saved to disk, and
 * stopped (or killed, or restarted on the same port) by its PID. Tests that need one skip, with the
 * reason printed, where redis-server is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { freePort } from './free-port.js'

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server']
const START_TIMEOUT_MS = 10_000

/** The redis-server binary, or null with the reason tests should print when they skip. */
export function findRedisServer(): { path: string } | { path: null; reason: string } {
  const path = CANDIDATES.find((candidate) => existsSync(candidate))
  return path
    ? { path }
    : { path: null, reason: `redis-server not found (looked at ${CANDIDATES.join(', ')})` }
}

export interface TestRedis {
  readonly port: number
  readonly url: string
  /** Stops the server (SIGTERM) and waits for it to exit; its data is gone (nothing is saved). */
  stop(): Promise<void>
  /** Starts a new, empty server on the same port. */
  start(): Promise<void>
}

const running = new Set<ChildProcess>()

export async function startRedis(): Promise<TestRedis> {
  const found = findRedisServer()
  if (found.path === null) throw new Error(found.reason)
  const binary = found.path
  const port = await freePort()
  let child: ChildProcess | null = null
  const redis: TestRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child) return
      child = await launch(binary, port)
    },
    async stop() {
      const current = child
      child = null
      if (current) await terminate(current, 'SIGTERM')
    },
  }
  await redis.start()
  return redis
}

/**
 * One redis-server for the tests of a describe block, emptied after each test (stopped and started
 * again on its port) once `cleanUp` has closed that test's servers and clients.
 */
export function redisForEachTest(cleanUp: () => Promise<void>): () => TestRedis {
  let redis: TestRedis | null = null
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(stopAllRedis)
  afterEach(async () => {
    await cleanUp()
    await redis?.stop()
    await redis?.start()
  })
  return () => {
    if (!redis) throw new Error('redis-server not started yet')
    return redis
  }
}

/** Waits until a server node's /readyz answers 200 (with Redis: connected to it). */
export async function nodeReady(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}/readyz`).catch(() => null)
    if (res?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${url} never became ready`)
}

/** Kills every redis-server this module started (for afterAll). */
export async function stopAllRedis(): Promise<void> {
  await Promise.all([...running].map((child) => terminate(child, 'SIGKILL')))
}

async function launch(binary: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  running.add(child)
  child.once('exit', () => running.delete(child))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('redis-server did not start')),
      START_TIMEOUT_MS,
    )
    const lines = createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      if (!line.includes('Ready to accept connections')) return
      clearTimeout(timer)
      resolve()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}`))
    })
  })
  return child
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}
