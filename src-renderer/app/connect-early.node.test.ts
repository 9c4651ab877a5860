/**
 * The call's connection opened during the device check (call-parts.ts, connectEarly), against a
 * real server: Join takes it when it is up and for the same server, else gets a fresh one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SignalingClient } from '../engine/signaling.js'
import { closeAll, Rendezvous } from '../engine/test-kit.node.js'
import { connectEarly } from './call-parts.js'

const made: SignalingClient[] = []

afterEach(async () => {
  for (const client of made.splice(0)) client.close()
  await closeAll()
})

function make(url: string): SignalingClient {
  const client = new SignalingClient(url, { warn: () => {} })
  made.push(client)
  return client
}

describe('connectEarly', () => {
  it('connects at once, and hands that connection to the join for the same server', async () => {
    const server = await Rendezvous.start()
    const early = connectEarly(make, server.url)
    expect(made).toHaveLength(1)
    await vi.waitFor(() => expect(made[0]?.state).toBe('connected'))
    const taken = early.take(server.url)
    expect(taken).toBe(made[0])
    // Taken is taken: dropping the early one afterwards leaves the call's connection alone.
    early.drop()
    expect(taken.state).toBe('connected')
  })

  it('makes a fresh connection for another server, closing the early one', async () => {
    const first = await Rendezvous.start()
    const second = await Rendezvous.start()
    const early = connectEarly(make, first.url)
    await vi.waitFor(() => expect(made[0]?.state).toBe('connected'))
    const taken = early.take(second.url)
    expect(taken).not.toBe(made[0])
    expect(made[0]?.state).toBe('closed')
    await taken.connect()
    expect(taken.state).toBe('connected')
  })

  it('makes a fresh connection when the early one is not up (the server was down)', async () => {
    const server = await Rendezvous.start()
    const url = server.url
    await server.stop()
    const early = connectEarly(make, url)
    const taken = early.take(url)
    expect(taken).not.toBe(made[0])
    expect(made[0]?.state).toBe('closed')
  })

  it('closes the early connection when the user goes back', async () => {
    const server = await Rendezvous.start()
    const early = connectEarly(make, server.url)
    await vi.waitFor(() => expect(made[0]?.state).toBe('connected'))
    early.drop()
    expect(made[0]?.state).toBe('closed')
  })
})
