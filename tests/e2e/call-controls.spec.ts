/**
 * What one member does reaches the others: mute and camera-off marks, a device switch that keeps the
 * call, and a screen share that appears as its own tile and goes away when it stops.
 */
import {
  expect,
  expectAudioFrom,
  expectParticipants,
  expectVideoFrom,
  test,
  tileOf,
} from './call/fixtures.js'

test('mute and camera-off reach the others as marks, and undoing them clears the marks', async ({
  member,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'marks' })
  const bob = await member({ nickname: 'Bob', room: 'marks' })
  await expectParticipants(ann.page, ['Ann', 'Bob'])
  const bobAtAnn = tileOf(ann.page, 'Bob')
  await expect(bobAtAnn.getByRole('img', { name: 'Microphone off' })).toHaveCount(0)

  const mic = bob.page.getByRole('button', { name: 'Microphone', exact: true })
  await expect(mic).toHaveAttribute('aria-pressed', 'true')
  await mic.click()
  await expect(mic).toHaveAttribute('aria-pressed', 'false')
  await expect(bobAtAnn.getByRole('img', { name: 'Microphone off' })).toBeVisible()

  await bob.page.getByRole('button', { name: 'Camera', exact: true }).click()
  await expect(bobAtAnn.getByRole('img', { name: 'Camera off' })).toBeVisible()
  await expect(bobAtAnn.locator('video')).toHaveCount(0)
  // Camera off releases the camera: no live captured video track is left on Bob's page (Chromium
  // labels the tracks it receives 'remote video'; captured ones carry the device's name).
  await expect
    .poll(() =>
      bob.page.evaluate(() =>
        [...document.querySelectorAll('video')].some((v) =>
          (v.srcObject as MediaStream | null)
            ?.getVideoTracks()
            .some((t) => t.readyState === 'live' && !t.label.startsWith('remote')),
        ),
      ),
    )
    .toBe(false)

  // Keyboard shortcuts: M and V turn them back on.
  await bob.page.locator('body').press('m')
  await bob.page.locator('body').press('v')
  await expect(bobAtAnn.getByRole('img', { name: 'Microphone off' })).toHaveCount(0)
  await expect(bobAtAnn.getByRole('img', { name: 'Camera off' })).toHaveCount(0)
  await expectVideoFrom(ann.page, 'Bob')
})

test('switching the microphone mid-call keeps the call and its sound', async ({ member }) => {
  const ann = await member({ nickname: 'Ann', room: 'switch' })
  const bob = await member({ nickname: 'Bob', room: 'switch' })
  await expectAudioFrom(ann.page, 'Bob')

  await bob.page.getByRole('button', { name: 'Devices' }).click()
  const picker = bob.page.getByRole('dialog').getByLabel('Microphone', { exact: true })
  const options = await picker
    .locator('option')
    .evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value))
  const current = await picker.inputValue()
  const other = options.find((value) => value !== current)
  expect(other, 'Chromium offers more than one fake microphone').toBeDefined()
  await picker.selectOption(other!)
  await bob.page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()

  await expectAudioFrom(ann.page, 'Bob')
  await expectVideoFrom(ann.page, 'Bob')
  await expectParticipants(ann.page, ['Ann', 'Bob'])
})

test('a screen share appears as an extra tile on the others and goes away when it stops', async ({
  member,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'share' })
  const bob = await member({ nickname: 'Bob', room: 'share' })
  await expectVideoFrom(bob.page, 'Ann')

  const share = ann.page.getByRole('button', { name: 'Share screen' })
  await share.click()
  await expect(share).toHaveAttribute('aria-pressed', 'true')
  const screenAtBob = bob.page.locator('figure.tile.screen')
  await expect(screenAtBob).toHaveCount(1)
  await expect(screenAtBob).toContainText("Ann's screen")
  await expect
    .poll(() => screenAtBob.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0)
  // The cameras go on beside it.
  await expectVideoFrom(bob.page, 'Ann')

  await share.click()
  await expect(screenAtBob).toHaveCount(0)
  await expectParticipants(bob.page, ['Bob', 'Ann'])
})
