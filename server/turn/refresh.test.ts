/**
 * ice:refresh hands out TURN credentials on the same terms as the join ack: only to a member with
 * someone else seated in its room. The first member of a room gets its credentials this way once
 * the second arrives, and a member left alone stops getting them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { IceServer } from '../../protocol/index.js'
import {
  joinedClient,
  nextEvent,
  startServer,
  stopAll,
  type Client,
} from '../../tests/support/harness.js'

afterEach(stopAll)

const SECRET = 'coturn-static-auth-secret'
const TURN_URLS = ['turn:turn.example.org:3478?transport=udp']
const STUN = { urls: ['stun:stun.example.org:3478'] }

async function refresh(client: Client): Promise<IceServer[]> {
  const ack = await client.emitWithAck('ice:refresh', {})
  if (!ack.ok) throw new Error(`ice:refresh refused: ${ack.error.code}`)
  return ack.iceServers
}

describe('ice:refresh', () => {
  it('gives a member alone no TURN entry, and fresh credentials once someone else is seated', async () => {
    const { url } = await startServer({
      iceServers: [STUN],
      turn: { secret: SECRET, urls: TURN_URLS, ttlSeconds: 120 },
    })
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    expect(await refresh(ann.client)).toEqual([STUN])

    const arrival = nextEvent(ann.client, 'peer:joined')
    const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
    await arrival
    const [stun, turn, ...rest] = await refresh(ann.client)
    expect(rest).toEqual([])
    expect(stun).toEqual(STUN)
    expect(turn?.urls).toEqual(TURN_URLS)
    expect(turn?.username).toMatch(new RegExp(`^\\d+:${ann.joined.self.id}$`))
    const expiry = Number(turn?.username?.split(':')[0])
    expect(expiry).toBeGreaterThan(Date.now() / 1000 + 110)
    expect(expiry).toBeLessThanOrEqual(Date.now() / 1000 + 120)

    const departure = nextEvent(ann.client, 'peer:left')
    await bob.client.emitWithAck('room:leave', {})
    await departure
    expect(await refresh(ann.client)).toEqual([STUN])
  })

  it('counts members of the same room only', async () => {
    const { url } = await startServer({ turn: { secret: SECRET, urls: TURN_URLS } })
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    await joinedClient(url, { room: 'elsewhere', nickname: 'Oz' })
    expect(await refresh(ann.client)).toEqual([])
  })
})
