/**
 * The perfect-negotiation Peer in real Chromium: forced glare still connects both ways, and a screen
 * share is renegotiated in and out with its role known to the receiver.
 */
import { expect, test } from './engine-harness.js'
import type { PeerLab } from './engine/peer-lab.js'

// page.evaluate sends its callback's source to the page, so the cast is written inside each one.
type Page = { peerLab: PeerLab }

test('relay-only mode offers no host or reflexive candidates, so the peer never learns our address', async ({
  enginePages,
}) => {
  const [page] = await enginePages('tests/e2e/engine/peer.entry.ts')
  const result = await page!.evaluate(() => (globalThis as unknown as Page).peerLab.relayOnly())
  // With no TURN server configured there is nothing to relay through, so nothing is offered at all.
  expect(result).toEqual({ policy: 'relay', candidates: [], gathering: 'complete' })
})

test('the member already there offers as soon as its tracks are on, not on negotiationneeded, and the newcomer answers before it renders their stream', async ({
  enginePages,
}) => {
  const [page] = await enginePages('tests/e2e/engine/peer.entry.ts')
  const result = await page!.evaluate(() => (globalThis as unknown as Page).peerLab.firstOffer())
  // One offer, one answer: no second offer from a negotiationneeded that fired after all.
  // The newcomer's stream listeners (a tile's render) hear of the stream only once the answer is out.
  expect(result).toEqual({
    sentA: ['offer'],
    sentB: ['answer'],
    negotiationNeeded: 0,
    sentBAtStream: ['answer'],
  })
})

test('the newcomer hands a burst of candidates to its connection at once, not one turn of its main thread each', async ({
  enginePages,
}) => {
  const [page] = await enginePages('tests/e2e/engine/peer.entry.ts')
  const result = await page!.evaluate(() =>
    (globalThis as unknown as Page).peerLab.candidateBurst(),
  )
  // The operations chain applies them in order; awaiting each cost a busy page 40–440 ms apiece.
  expect(result.applied).toBeGreaterThan(1)
  expect(result.mostInFlight).toBe(result.applied)
  // And the call still comes up with the offerer's camera stream (audio and video).
  expect(result.streams).toBeGreaterThan(0)
})

test('a bitrate cap set before the connection has senders reaches the camera sender it makes later', async ({
  enginePages,
}) => {
  const [page] = await enginePages('tests/e2e/engine/peer.entry.ts')
  const result = await page!.evaluate(() =>
    (globalThis as unknown as Page).peerLab.capsBeforeSenders(),
  )
  // The roster caps a member's connection when it is made, before a track is on it.
  expect(result).toEqual({ offerer: [300_000], answerer: [300_000] })
})

test('a receiver that shows the camera small gets it small, nothing while it shows none, and the step follows another camera', async ({
  enginePages,
}) => {
  const [page] = await enginePages('tests/e2e/engine/peer.entry.ts')
  const result = await page!.evaluate(() => (globalThis as unknown as Page).peerLab.viewScales())
  expect(result.encodings).toEqual([
    { scale: 2, active: true },
    { scale: 1, active: false },
    { scale: 4, active: true },
  ])
  expect(result.decodedWidth).toBe(160)
})

test('two peers offering at the same moment (glare) still connect with media both ways', async ({
  enginePages,
}) => {
  const [page] = await enginePages('tests/e2e/engine/peer.entry.ts')
  const result = await page!.evaluate(() => (globalThis as unknown as Page).peerLab.glare())
  // The ids decide politeness: 'aaa' < 'bbb'.
  expect(result.politeA).toBe(true)
  expect(result.politeB).toBe(false)
  // Both opened with an offer: the offers crossed. The polite side rolled back and answered.
  expect(result.sentA[0]).toBe('offer')
  expect(result.sentB[0]).toBe('offer')
  expect(result.sentA).toContain('answer')
  expect(result.signalingA).toBe('stable')
  expect(result.signalingB).toBe('stable')
  expect(result.rolesA).toContain('camera')
  expect(result.rolesB).toContain('camera')

  const share = await page!.evaluate(() => (globalThis as unknown as Page).peerLab.screenShare())
  expect(share).toEqual({
    screenStreamMatches: true,
    cameraStreamMatches: true,
    endedAtB: ['screen'],
    cameraStillConnected: true,
  })
})
