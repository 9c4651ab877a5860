/**
 * The rendezvous server is killed and restarted mid-call: media keeps flowing peer to peer, everyone
 * is back in the room with the same ids, chat works again, and nobody sees a ghost member.
 */
import type { Page } from '@playwright/test'
import { expect, expectParticipants, expectVideoFrom, test, tileOf } from './call/fixtures.js'

/** Ids of the tiles on a page, self first: they are the members' ids on the server. */
function ids(page: Page): Promise<string[]> {
  return page
    .locator('figure.tile.camera')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-participant') ?? ''))
}

function framesFrom(page: Page, nickname: string): Promise<number> {
  return tileOf(page, nickname)
    .locator('video')
    .evaluate(
      (v: HTMLVideoElement & { webkitDecodedFrameCount?: number }) =>
        v.webkitDecodedFrameCount ?? 0,
    )
}

test('a server restart mid-call keeps media, ids and chat, with no ghosts', async ({
  member,
  rendezvous,
}) => {
  test.slow() // a restart and three members with video on two cores
  const ann = await member({ nickname: 'Ann', room: 'steady' })
  const bob = await member({ nickname: 'Bob', room: 'steady' })
  await expectVideoFrom(ann.page, 'Bob')
  await expectVideoFrom(bob.page, 'Ann')
  const annIds = await ids(ann.page)
  const bobIds = await ids(bob.page)
  expect(new Set([...annIds, ...bobIds]).size).toBe(2)

  // Mark the video element showing Bob: the same element must go on playing through the restart
  // (a dropped peer connection would tear the tile down and build a new one).
  const bobVideo = tileOf(ann.page, 'Bob').locator('video')
  await bobVideo.evaluate((v) => v.setAttribute('data-before-restart', ''))
  const before = await framesFrom(ann.page, 'Bob')

  await rendezvous.restart()

  // Back in the room with the same ids, and nobody else.
  await expect(ann.page.getByText('Connection lost. Reconnecting…')).toHaveCount(0)
  await expect(bob.page.getByText('Connection lost. Reconnecting…')).toHaveCount(0)
  await expect.poll(() => ids(ann.page)).toEqual(annIds)
  await expect.poll(() => ids(bob.page)).toEqual(bobIds)
  await expectParticipants(ann.page, ['Ann', 'Bob'])
  await expectParticipants(bob.page, ['Bob', 'Ann'])
  // The peers talked directly all along: the same element kept decoding.
  await expect(bobVideo).toHaveAttribute('data-before-restart', '')
  await expect.poll(() => framesFrom(ann.page, 'Bob')).toBeGreaterThan(before)

  // The server knows them again: a newcomer sees both, with their ids, and no one else.
  const cat = await member({ nickname: 'Cat', room: 'steady' })
  await expectParticipants(cat.page, ['Cat', 'Ann', 'Bob'])
  const catIds = await ids(cat.page)
  expect(catIds.slice(1).sort()).toEqual([...annIds].sort())

  // Chat works again, both ways.
  await ann.page.getByRole('button', { name: /^Chat/ }).click()
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('still here?')
  await ann.page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await bob.page.getByRole('button', { name: /^Chat/ }).click()
  await expect(bob.page.getByRole('log').getByText('still here?')).toBeVisible()
  await bob.page.getByRole('textbox', { name: 'Message' }).fill('yes')
  await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(ann.page.getByRole('log').getByText('yes', { exact: true })).toBeVisible()
  await expectVideoFrom(cat.page, 'Ann')
})
