/**
 * A relay-only call that outlives its TURN credentials. The server issues credentials lasting 60 s
 * for a real coturn; the pages must ask for fresh ones (ice:refresh) before they expire and hand
 * them to their open peer connections (setConfiguration). coturn checks a username's expiry when a
 * relay is allocated, not on the requests that keep a running allocation alive, so the call's
 * first route would survive without any of that. What does not survive is anything that allocates
 * afresh after the expiry: an ICE restart of an open connection, and the connection to a member
 * who joins later. This test makes both happen after the first credentials expired.
 */
import type { Page } from '@playwright/test'
import { turnserverMissing } from '../support/turn-server.js'
import { expect, expectVideoFrom, tileOf, type Member } from './call/fixtures.js'
import { relayPair, routes, withCoturn, type Route } from './call/relay.js'

const TTL_SECONDS = 60
const test = withCoturn('e2e-turn-refresh-auth-secret', TTL_SECONDS)

const missing = turnserverMissing()
if (missing !== null) console.log(`[turn-refresh] skipped: ${missing}`)

/** The expiry (Unix seconds) a TURN username names. */
const expiryOf = (username: string) => Number(username.split(':')[0])

/** The route of the page's first connected peer connection, once it carries media. */
async function firstRoute(member: Member): Promise<Route> {
  let route: Route | undefined
  await expect
    .poll(async () => (route = (await routes(member))[0])?.bytesReceived ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(0)
  return route as Route
}

/** Frames decoded so far of `nickname`'s camera on `page`. */
function decodedFrames(page: Page, nickname: string): Promise<number> {
  return tileOf(page, nickname)
    .locator('video')
    .evaluate((v: HTMLVideoElement & { webkitDecodedFrameCount?: number }) => {
      return v.webkitDecodedFrameCount ?? 0
    })
}

/** Restarts ICE on the page's first connected peer connection (negotiated like any change). */
function restartIce(member: Member): Promise<void> {
  return member.page.evaluate(() => {
    const all = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections
    all.find((c) => c.connectionState === 'connected')?.restartIce()
  })
}

test('a relay-only call outlives 60 s TURN credentials: refreshed, applied, and used to allocate again', async ({
  member,
  turn,
}) => {
  test.skip(missing !== null, missing ?? '')
  test.setTimeout(200_000)
  const { ann, bob, join } = await relayPair(member, 'long-relay')

  const first = { ann: await firstRoute(ann), bob: await firstRoute(bob) }
  for (const route of [first.ann, first.bob]) {
    expect(route).toMatchObject({ policy: 'relay', local: { type: 'relay' } })
    expect(route.usernames).toHaveLength(1)
  }
  const [annFirst = '', bobFirst = ''] = [first.ann.usernames[0], first.bob.usernames[0]]

  // Each page refreshes before the expiry and its open connection takes the new credentials.
  for (const [who, before] of [
    [ann, annFirst],
    [bob, bobFirst],
  ] as const) {
    await expect
      .poll(async () => (await routes(who))[0]?.usernames[0], {
        timeout: (TTL_SECONDS + 10) * 1000,
        message: `${who.nickname}'s connection never got fresh credentials`,
      })
      .not.toBe(before)
    const fresh = (await routes(who))[0]?.usernames[0] ?? ''
    expect(fresh).toMatch(/^\d+:[A-Za-z0-9_-]+$/)
    expect(fresh.split(':')[1]).toBe(before.split(':')[1]) // the same member
    expect(expiryOf(fresh)).toBeGreaterThan(expiryOf(before))
  }

  // Past the first credentials' expiry: coturn would refuse them for any new allocation now.
  const expired = Math.max(expiryOf(annFirst), expiryOf(bobFirst)) + 2
  await ann.page.waitForTimeout(Math.max(0, expired * 1000 - Date.now()))
  const framesThen = await decodedFrames(ann.page, 'Bob')
  await expect
    .poll(() => decodedFrames(ann.page, 'Bob'), { timeout: 10_000 })
    .toBeGreaterThan(framesThen)

  // An ICE restart gathers afresh: a new relay allocation, with the refreshed credentials.
  await restartIce(ann)
  await expect
    .poll(
      async () => {
        const now = (await routes(ann))[0]
        return now && now.local.id !== first.ann.local.id && now.bytesReceived > 0
      },
      { timeout: 20_000, message: 'the ICE restart found no new relay route' },
    )
    .toBe(true)
  const restarted = (await routes(ann))[0]
  expect(restarted).toMatchObject({ local: { type: 'relay' }, remote: { type: 'relay' } })
  const annNow = restarted?.usernames[0] ?? ''
  expect(expiryOf(annNow) * 1000).toBeGreaterThan(Date.now())
  expect(turn.log()).toContain(`user <${annNow}>: incoming packet ALLOCATE processed, success`)
  const framesAfter = await decodedFrames(bob.page, 'Ann')
  await expect
    .poll(() => decodedFrames(bob.page, 'Ann'), { timeout: 10_000 })
    .toBeGreaterThan(framesAfter)

  // A member joining now is called over new connections, made with the refreshed credentials.
  const cat = await member({ ...join, nickname: 'Cat' })
  await expectVideoFrom(cat.page, 'Ann')
  await expectVideoFrom(cat.page, 'Bob')
  await expectVideoFrom(ann.page, 'Cat')
  await expectVideoFrom(bob.page, 'Cat')
  for (const who of [ann, bob]) {
    const toCat = (await routes(who))[1]
    expect(toCat, who.nickname).toMatchObject({
      local: { type: 'relay' },
      remote: { type: 'relay' },
    })
    expect(expiryOf(toCat?.usernames[0] ?? '') * 1000).toBeGreaterThan(Date.now())
  }
})
