/** Two members in real Chromium with fake devices: video and audio both ways, and chat both ways. */
import {
  expect,
  expectAudioFrom,
  expectParticipants,
  expectVideoFrom,
  test,
  tileOf,
} from './call/fixtures.js'

test('two members see and hear each other and chat both ways', async ({ member }) => {
  const ann = await member({ nickname: 'Ann', room: 'pair' })
  await expectParticipants(ann.page, ['Ann'])
  const bob = await member({ nickname: 'Bob', room: 'pair' })
  await expectParticipants(bob.page, ['Bob', 'Ann'])
  await expectParticipants(ann.page, ['Ann', 'Bob'])

  await expectVideoFrom(ann.page, 'Bob')
  await expectVideoFrom(bob.page, 'Ann')
  await expectAudioFrom(ann.page, 'Bob')
  await expectAudioFrom(bob.page, 'Ann')

  // Each sees themselves as in a mirror (left and right swapped, nothing else), the other not.
  const flip = (page: typeof ann.page, nickname: string) =>
    tileOf(page, nickname)
      .locator('video')
      .evaluate((v) => {
        const m = new DOMMatrix(getComputedStyle(v).transform)
        return [Math.round(m.m11), Math.round(m.m22)]
      })
  expect(await flip(ann.page, 'Ann')).toEqual([-1, 1])
  expect(await flip(ann.page, 'Bob')).toEqual([1, 1])

  await ann.page.getByRole('button', { name: /^Chat/ }).click()
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('Hello Bob')
  await ann.page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await bob.page.getByRole('button', { name: /^Chat/ }).click()
  const bobLog = bob.page.getByRole('log')
  await expect(bobLog.getByText('Hello Bob')).toBeVisible()
  await expect(bobLog.getByText('Ann', { exact: true })).toBeVisible()

  await bob.page.getByRole('textbox', { name: 'Message' }).fill('Hi Ann')
  await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await expect(ann.page.getByRole('log').getByText('Hi Ann')).toBeVisible()
})
