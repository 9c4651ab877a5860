/**
 * Hosts through the real UI: knocks admitted and denied, a member removed (whose return knocks), a
 * member muted (its track really goes silent on the other side), the hand-over when the host leaves,
 * and a room locked mid-call.
 */
import type { Page } from '@playwright/test'
import { expect, expectParticipants, test, tileOf } from './call/fixtures.js'

test.describe.configure({ timeout: 90_000 })

const WAITING = { name: 'Waiting for the host to let you in' }

/** The loudest sample of `nickname`'s remote audio on `page` over `ms` (0 means silence). */
async function loudest(page: Page, nickname: string, ms: number): Promise<number> {
  const audio = tileOf(page, nickname).locator('audio')
  return audio.evaluate(async (element: HTMLAudioElement, listenMs: number) => {
    const stream = element.srcObject
    if (!(stream instanceof MediaStream)) return -1
    const context = new AudioContext()
    await context.resume()
    const analyser = context.createAnalyser()
    context.createMediaStreamSource(stream).connect(analyser)
    const samples = new Float32Array(analyser.fftSize)
    let peak = 0
    for (let waited = 0; waited < listenMs; waited += 50) {
      await new Promise((r) => setTimeout(r, 50))
      analyser.getFloatTimeDomainData(samples)
      for (const s of samples) peak = Math.max(peak, Math.abs(s))
    }
    void context.close()
    return peak
  }, ms)
}

/** Opens the host actions of `nickname`'s tile on `page` and picks `action`. */
async function hostAction(page: Page, nickname: string, action: string): Promise<void> {
  await tileOf(page, nickname)
    .getByRole('button', { name: `Host actions for ${nickname}` })
    .click()
  await tileOf(page, nickname).getByRole('button', { name: action }).click()
}

test('a knock admitted joins the call; a knock denied lands in the lobby saying so', async ({
  member,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'knock-room', askToJoin: true })
  await expectParticipants(ann.page, ['Ann'])
  const bo = await member({ nickname: 'Bo', room: 'knock-room' })
  await expect(bo.page.getByRole('heading', WAITING)).toBeVisible()

  const knocks = ann.page.getByRole('region', { name: 'People asking to join' })
  await expect(knocks).toContainText('Bo wants to join')
  await knocks.getByRole('button', { name: 'Admit Bo' }).click()
  await expectParticipants(bo.page, ['Ann', 'Bo'])
  await expectParticipants(ann.page, ['Ann', 'Bo'])
  await expect(knocks).not.toContainText('Bo')

  const cy = await member({ nickname: 'Cy', room: 'knock-room' })
  await expect(cy.page.getByRole('heading', WAITING)).toBeVisible()
  await knocks.getByRole('button', { name: 'Deny Cy' }).click()
  await expect(cy.page.getByRole('alert')).toContainText('The host did not let you in.')
  await expect(cy.page.getByLabel('Room name')).toHaveValue('knock-room')
})

test('a removed member is told who did it, lands in the lobby, and knocks to come back', async ({
  member,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'remove-room' })
  const bo = await member({ nickname: 'Bo', room: 'remove-room' })
  await expectParticipants(ann.page, ['Ann', 'Bo'])
  await hostAction(ann.page, 'Bo', 'Remove from the call')
  const confirm = ann.page.getByRole('dialog', { name: 'Remove Bo?' })
  await confirm.getByRole('button', { name: 'Remove' }).click()

  await expect(bo.page.getByRole('alert')).toContainText('Ann removed you from the call.')
  await expectParticipants(ann.page, ['Ann'])
  // Straight back in: this address now knocks, though the room is open.
  await bo.page.getByRole('button', { name: 'Continue' }).click()
  await bo.page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(bo.page.getByRole('heading', WAITING)).toBeVisible()
  await expect(ann.page.getByRole('region', { name: 'People asking to join' })).toContainText(
    'Bo wants to join',
  )
})

test('a host mutes a member: its tile shows the mark and no sound arrives any more', async ({
  member,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'mute-room' })
  const bo = await member({ nickname: 'Bo', room: 'mute-room' })
  await expectParticipants(ann.page, ['Ann', 'Bo'])
  // The fake microphone beeps about once a second: sound first.
  await expect.poll(() => loudest(ann.page, 'Bo', 1500), { timeout: 20_000 }).toBeGreaterThan(0.01)

  await hostAction(ann.page, 'Bo', 'Turn microphone off')
  await expect(bo.page.getByRole('status').first()).toContainText('Ann turned your microphone off.')
  await expect(tileOf(ann.page, 'Bo').getByRole('img', { name: 'Microphone off' })).toBeVisible()
  await expect(bo.page.getByRole('button', { name: 'Microphone' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  expect(await loudest(ann.page, 'Bo', 2500)).toBeLessThan(0.01)
})

test('the host leaves: the member who stays becomes host; a host locks the room mid-call', async ({
  member,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'handover-room' })
  const bo = await member({ nickname: 'Bo', room: 'handover-room' })
  await expectParticipants(bo.page, ['Ann', 'Bo'])
  await expect(tileOf(bo.page, 'Ann').getByText('Host', { exact: true })).toBeVisible()
  await ann.page.getByRole('button', { name: 'Leave' }).click()
  await expect(tileOf(bo.page, 'Bo (you)').getByText('Host', { exact: true })).toBeVisible()

  await bo.page.getByRole('button', { name: 'Room settings' }).click()
  const settings = bo.page.getByRole('dialog', { name: 'Room settings' })
  await settings.getByLabel('Nobody new: the room is locked').check()
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()

  const cy = await member({ nickname: 'Cy', room: 'handover-room' })
  await expect(cy.page.getByRole('alert')).toContainText('This room takes no new people right now.')
})
