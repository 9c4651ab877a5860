/**
 * The credentials the rendezvous server hands out, checked by a real coturn in `use-auth-secret`
 * mode: what a join ack carries allocates a relay; a forged password, an expired username or
 * another secret's credentials are refused with 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IceServer } from '../../protocol/index.js'
import { joinedClient, startServer, stopAll } from '../support/harness.js'
import { allocate, type Transport } from '../support/turn-client.js'
import { startTurnServer, turnserverMissing, type TurnServer } from '../support/turn-server.js'
import { turnCredentials } from '../../server/turn/credentials.js'

const SECRET = 'integration-turn-secret-7f3a9c'
const missing = turnserverMissing()
if (missing) console.warn(`Skipping the coturn tests: ${missing}`)

describe.skipIf(missing !== null)('credentials against a real coturn (use-auth-secret)', () => {
  let turn: TurnServer

  beforeAll(async () => {
    turn = await startTurnServer(SECRET)
  })
  afterAll(async () => {
    await stopAll()
    await turn?.stop()
  })

  const at = (transport: Transport) => ({ host: turn.host, port: turn.port, transport })
  const issue = (memberId: string, ttlSeconds: number, secret = SECRET) =>
    turnCredentials({ secret, memberId, ttlSeconds, now: Date.now() })

  it('allocates a relay, over UDP and TCP, with the credentials of a real join ack', async () => {
    const { url } = await startServer({
      turn: { secret: SECRET, urls: turn.urls, ttlSeconds: 600 },
    })
    // Credentials go to a member with someone to call: Bob finds Ann there.
    await joinedClient(url, { room: 'relay', nickname: 'Ann' })
    const { joined } = await joinedClient(url, { room: 'relay', nickname: 'Bob' })
    const entry: IceServer | undefined = joined.iceServers[0]
    expect(entry?.urls).toEqual(turn.urls)
    const credentials = { username: entry?.username ?? '', password: entry?.credential ?? '' }
    expect(credentials.username).toMatch(new RegExp(`^\\d+:${joined.self.id}$`))

    for (const transport of ['udp', 'tcp'] as const) {
      const result = await allocate(at(transport), credentials)
      expect(result, `${transport}: ${turn.log().slice(-2_000)}`).toMatchObject({
        ok: true,
        relayed: { address: '127.0.0.1' },
      })
    }
  })

  it('refuses a forged password with 401', async () => {
    const { username, credential } = issue('member-1', 600)
    // The same username, one character of the HMAC changed.
    const forged = (credential[0] === 'A' ? 'B' : 'A') + credential.slice(1)
    expect(await allocate(at('udp'), { username, password: forged })).toEqual({
      ok: false,
      code: 401,
      reason: 'Unauthorized',
    })
  })

  it('refuses an expired username with 401, though its HMAC is right', async () => {
    const expired = issue('member-2', -60) // expired a minute ago, signed with the right secret
    expect(expired.username).toMatch(/^\d+:member-2$/)
    expect(Number(expired.username.split(':')[0])).toBeLessThan(Date.now() / 1000)
    expect(
      await allocate(at('udp'), { username: expired.username, password: expired.credential }),
    ).toMatchObject({ ok: false, code: 401 })
    // The same member a minute from expiry is let in: it was the expiry that was refused.
    const live = issue('member-2', 60)
    expect(
      await allocate(at('udp'), { username: live.username, password: live.credential }),
    ).toMatchObject({ ok: true })
  })

  it('refuses credentials minted with another secret with 401', async () => {
    const other = issue('member-3', 600, 'some-other-servers-secret')
    expect(
      await allocate(at('udp'), { username: other.username, password: other.credential }),
    ).toMatchObject({ ok: false, code: 401 })
  })
})
