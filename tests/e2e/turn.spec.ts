/**
 * A call that may only use a TURN relay: the rendezvous server hands out credentials for a real
 * coturn (use-auth-secret) on loopback, both members tick "relay only", and camera and microphone
 * still reach the other side, over a candidate pair that is relay at both ends.
 */
import { turnserverMissing } from '../support/turn-server.js'
import { expect, expectAudioFrom } from './call/fixtures.js'
import { relayPair, selectedRoute, withCoturn, type Route } from './call/relay.js'

const test = withCoturn('e2e-turn-static-auth-secret', 600)

const missing = turnserverMissing()
// Reporters list a skipped test without its reason; say it once, when the file is collected.
if (missing !== null) console.log(`[turn] skipped: ${missing}`)

test('a relay-only call connects through coturn with the credentials the server issued', async ({
  member,
  turn,
}) => {
  test.skip(missing !== null, missing ?? '')
  test.setTimeout(120_000)
  const { ann, bob } = await relayPair(member, 'relay')
  await expectAudioFrom(ann.page, 'Bob')
  await expectAudioFrom(bob.page, 'Ann')

  const usernames: string[] = []
  for (const who of [ann, bob]) {
    let route: Route | null = null
    await expect
      .poll(async () => (route = await selectedRoute(who))?.bytesReceived ?? 0, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0)
    // Relay at both ends: neither side ever saw the other's own address.
    expect(route, who.nickname).toMatchObject({
      policy: 'relay',
      local: { type: 'relay' },
      remote: { type: 'relay' },
    })
    const { local, usernames: own } = route as unknown as Route
    // Relayed by our coturn, over whichever of its URLs (UDP or TCP) ICE preferred this time.
    expect(turn.urls).toContain(local.url)
    expect(local.url).toMatch(new RegExp(`\\?transport=${local.protocol}$`))
    // The credentials the server issued, `expiry:memberId`, expiring in the future: Bob's came in
    // his join ack, Ann's (alone until then) from the ice:refresh her page sent when Bob came.
    expect(own).toHaveLength(1)
    const username = own[0] ?? ''
    expect(username).toMatch(/^\d+:[A-Za-z0-9_-]+$/)
    expect(Number(username.split(':')[0])).toBeGreaterThan(Date.now() / 1000)
    usernames.push(username)
  }
  // Two members, two sets of credentials, and coturn accepted each for an allocation.
  expect(new Set(usernames).size).toBe(2)
  for (const username of usernames) {
    expect(turn.log()).toContain(`user <${username}>: incoming packet ALLOCATE processed, success`)
  }
})
