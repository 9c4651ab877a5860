/**
 * The call screen passes axe (no serious or critical violations) with its panels open, in light and
 * dark. The same call gives the README its screenshot: NOOM_UPDATE_SCREENSHOT=1 writes it to
 * docs/images/call.png; otherwise it goes to the test's output folder.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, expectParticipants, expectVideoFrom, test } from './call/fixtures.js'

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('the call screen has no serious accessibility violations, panels open or closed', async ({
  member,
}, testInfo) => {
  // Three members with video on two cores, and four axe runs on a page that is busy decoding: each
  // analysis takes seconds there, so this test gets longer than test.slow()'s 90 s.
  test.setTimeout(180_000)
  const ann = await member({ nickname: 'Ann', room: 'design review' })
  const bob = await member({ nickname: 'Bob', room: 'design review' })
  const cat = await member({ nickname: '민수', room: 'design review' })
  await expectParticipants(ann.page, ['Ann', 'Bob', '민수'])
  await expectVideoFrom(ann.page, 'Bob')
  await expectVideoFrom(ann.page, '민수')
  await cat.page.getByRole('button', { name: 'Microphone', exact: true }).click()

  expect(await seriousViolations(ann.page)).toEqual([])

  await bob.page.getByRole('button', { name: /^Chat/ }).click()
  await bob.page.getByRole('textbox', { name: 'Message' }).fill('Shall we start with the lobby?')
  await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter')
  await ann.page.getByRole('button', { name: /^Chat/ }).click()
  await expect(ann.page.getByRole('log').getByText('Shall we start with the lobby?')).toBeVisible()
  expect(await seriousViolations(ann.page)).toEqual([])

  await ann.page.setViewportSize({ width: 1280, height: 760 })
  await expectVideoFrom(ann.page, 'Bob')
  const path = process.env['NOOM_UPDATE_SCREENSHOT']
    ? 'docs/images/call.png'
    : testInfo.outputPath('call.png')
  await ann.page.screenshot({ path })

  await ann.page.getByRole('button', { name: 'Participants' }).click()
  expect(await seriousViolations(ann.page)).toEqual([])

  await ann.page.emulateMedia({ colorScheme: 'dark' })
  expect(await seriousViolations(ann.page)).toEqual([])
})
