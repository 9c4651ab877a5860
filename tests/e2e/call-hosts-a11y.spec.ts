/**
 * The host screens pass axe (no serious or critical violations) and work from the keyboard: the
 * waiting screen, the knock notice, a tile's host actions, the remove confirmation and the room
 * settings dialog.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, expectParticipants, test } from './call/fixtures.js'

test.describe.configure({ timeout: 90_000 })

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Presses Tab until `target` has the focus (it must be reachable in at most 40 stops). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error('not reachable with Tab')
}

test('waiting, knocks, host actions and room settings: axe clean and keyboard only', async ({
  member,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'a11y-hosts', askToJoin: true })
  await expectParticipants(ann.page, ['Ann'])
  const bo = await member({ nickname: 'Bo', room: 'a11y-hosts' })
  const waiting = bo.page.getByRole('heading', { name: 'Waiting for the host to let you in' })
  await expect(waiting).toBeFocused()
  expect(await seriousViolations(bo.page)).toEqual([])

  const admit = ann.page.getByRole('button', { name: 'Admit Bo' })
  await expect(admit).toBeVisible()
  expect(await seriousViolations(ann.page)).toEqual([])
  await tabTo(ann.page, admit)
  await ann.page.keyboard.press('Enter')
  await expectParticipants(ann.page, ['Ann', 'Bo'])

  const actions = ann.page.getByRole('button', { name: 'Host actions for Bo' }).first()
  await tabTo(ann.page, actions)
  await ann.page.keyboard.press('Enter')
  await expect(actions).toHaveAttribute('aria-expanded', 'true')
  expect(await seriousViolations(ann.page)).toEqual([])
  await ann.page.keyboard.press('Escape')
  await expect(actions).toHaveAttribute('aria-expanded', 'false')
  await expect(actions).toBeFocused()

  await ann.page.keyboard.press('Enter')
  await tabTo(ann.page, ann.page.getByRole('button', { name: 'Remove from the call' }).first())
  await ann.page.keyboard.press('Enter')
  const confirm = ann.page.getByRole('dialog', { name: 'Remove Bo?' })
  await expect(confirm).toBeVisible()
  expect(await seriousViolations(ann.page)).toEqual([])
  await ann.page.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  await expectParticipants(ann.page, ['Ann', 'Bo'])

  const open = ann.page.getByRole('button', { name: 'Room settings' })
  await tabTo(ann.page, open)
  await ann.page.keyboard.press('Enter')
  const settings = ann.page.getByRole('dialog', { name: 'Room settings' })
  await expect(settings).toBeVisible()
  expect(await seriousViolations(ann.page)).toEqual([])
  await ann.page.keyboard.press('Escape')
  await expect(settings).toBeHidden()
  await expect(open).toBeFocused()
})
