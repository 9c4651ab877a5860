import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Readiness } from './readiness.js'
import { createRouter } from './router.js'

const servers: Server[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** A bare HTTP server answering with the router, as createRendezvousServer wires it. */
async function serve(readiness: Readiness, draining = () => false): Promise<string> {
  const router = createRouter({ draining, readiness, metrics: null, statics: [] })
  const server = createServer((req, res) => void router(req, res))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('Readiness', () => {
  it('is ready with no checks, and when every check passes, sync or async', async () => {
    const readiness = new Readiness()
    expect(await readiness.check()).toEqual({ ready: true, failing: [] })
    readiness.add('sync', () => true)
    readiness.add('async', () => Promise.resolve(true))
    expect(await readiness.check()).toEqual({ ready: true, failing: [] })
  })

  it('names the checks that fail, throw, reject or answer nothing in time', async () => {
    vi.useFakeTimers()
    const readiness = new Readiness()
    readiness.add('ok', () => true)
    readiness.add('false', () => false)
    readiness.add('throws', () => {
      throw new Error('boom')
    })
    readiness.add('rejects', () => Promise.reject(new Error('boom')))
    readiness.add('hangs', () => new Promise<boolean>(() => {}))
    const result = readiness.check()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(await result).toEqual({ ready: false, failing: ['false', 'throws', 'rejects', 'hangs'] })
  })

  it('removes a check with the function add returns, and refuses a duplicate name', async () => {
    const readiness = new Readiness()
    const remove = readiness.add('redis', () => false)
    expect(() => readiness.add('redis', () => true)).toThrow('already registered')
    remove()
    expect((await readiness.check()).ready).toBe(true)
  })

  it('makes /readyz answer 503 naming what is not ready, and "draining" once shutting down', async () => {
    const readiness = new Readiness()
    let redisUp = false
    readiness.add('redis', () => redisUp)
    let draining = false
    const url = await serve(readiness, () => draining)

    const down = await fetch(`${url}/readyz`)
    expect(down.status).toBe(503)
    expect(await down.json()).toEqual({ status: 'not ready', failing: ['redis'] })
    redisUp = true
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' })
    draining = true
    const drained = await fetch(`${url}/readyz`)
    expect(drained.status).toBe(503)
    expect(await drained.json()).toEqual({ status: 'draining' })
    // Alive all along: /healthz asks nothing.
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
  })
})
