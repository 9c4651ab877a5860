/**
 * Each member sends the others no more camera than they show: through the real UI in real Chromium,
 * Bob's tile of Ann tells Ann its size (`{ view }`), and Ann's camera encoding to Bob scales down
 * to it, again when Bob's window shrinks, and back when it grows.
 */
import type { Page } from '@playwright/test'
import { expect, expectVideoFrom, test, tileOf } from './call/fixtures.js'
import { recordPeerConnections } from './call/relay.js'

interface Sending {
  /** The camera's capture size. */
  width: number
  height: number
  scale: number
  active: boolean
}

/** What the page's (one) connection sends of its camera. */
function cameraSending(page: Page): Promise<Sending | null> {
  return page.evaluate(() => {
    const [pc] = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections
    const sender = pc?.getSenders().find((s) => s.track?.kind === 'video')
    const encoding = sender?.getParameters().encodings[0]
    const { width = 0, height = 0 } = sender?.track?.getSettings() ?? {}
    if (!encoding) return null
    return { width, height, scale: encoding.scaleResolutionDownBy ?? 1, active: !!encoding.active }
  })
}

/** The size `page` shows `nickname`'s camera at, in device pixels. */
function shownSize(page: Page, nickname: string): Promise<{ width: number; height: number }> {
  return tileOf(page, nickname)
    .locator('video')
    .evaluate((v) => ({
      width: Math.round(v.clientWidth * devicePixelRatio),
      height: Math.round(v.clientHeight * devicePixelRatio),
    }))
}

/** The encoding fills the tile (cropped as tiles crop), or is the whole picture where it cannot. */
function fits(sending: Sending | null, shown: { width: number; height: number }): boolean {
  if (!sending?.active) return false
  const fill = Math.max(shown.width / sending.width, shown.height / sending.height)
  return sending.width / sending.scale >= Math.min(sending.width, Math.floor(sending.width * fill))
}

test('a member’s camera is encoded at the size the other shows it, following their window', async ({
  member,
}) => {
  const join = { room: 'view', initScript: recordPeerConnections }
  const ann = await member({ ...join, nickname: 'Ann' })
  const bob = await member({ ...join, nickname: 'Bob' })
  await expectVideoFrom(bob.page, 'Ann')

  await bob.page.setViewportSize({ width: 800, height: 500 })
  let shown = await shownSize(bob.page, 'Ann')
  await expect.poll(async () => (await cameraSending(ann.page))?.scale).toBeGreaterThan(1)
  expect(fits(await cameraSending(ann.page), shown)).toBe(true)
  const wide = (await cameraSending(ann.page))!.scale

  // A smaller window: a smaller tile, a larger step down.
  await bob.page.setViewportSize({ width: 420, height: 320 })
  shown = await shownSize(bob.page, 'Ann')
  await expect.poll(async () => (await cameraSending(ann.page))?.scale).toBeGreaterThan(wide)
  expect(fits(await cameraSending(ann.page), shown)).toBe(true)
  // What Bob decodes is no larger than that step (the bandwidth estimate may hold it lower still).
  const sending = (await cameraSending(ann.page))!
  await expect
    .poll(() =>
      tileOf(bob.page, 'Ann')
        .locator('video')
        .evaluate((v: HTMLVideoElement) => v.videoWidth),
    )
    .toBeLessThanOrEqual(Math.ceil(sending.width / sending.scale))

  // Large again: the tile is larger than the camera's picture, so all of it.
  await bob.page.setViewportSize({ width: 1920, height: 1200 })
  await expect.poll(async () => (await cameraSending(ann.page))?.scale).toBe(1)
  expect(fits(await cameraSending(ann.page), await shownSize(bob.page, 'Ann'))).toBe(true)
})
