import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { openMoreOptions } from './lobby-form.js'

/** Console errors include CSP violations: the built page must work under its own policy. */
function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test.describe('lobby', () => {
  test('shows the app name and connects to the server that served it', async ({ page, server }) => {
    const errors = collectErrors(page)
    await page.goto(server.url)
    await expect(page.getByRole('heading', { level: 1, name: 'Noom' })).toBeVisible()
    await expect(page.getByLabel('Server address')).toHaveValue(server.url)
    await expect(page.getByRole('status')).toHaveText(`Connected to ${server.url}`)
    expect(errors).toEqual([])
  })

  test('lists public rooms live with their member count and never lists private ones', async ({
    page,
    server,
    joinRoom,
  }) => {
    // One private room exists before the page loads (the rooms:watch ack) and one appears after
    // (rooms:changed); the public room is joined last, so once it shows, both private ones were seen.
    await joinRoom({ room: 'hidden-before', nickname: 'Bob', visibility: 'private' })
    await page.goto(server.url)
    await expect(page.getByRole('status')).toHaveText(`Connected to ${server.url}`)
    await joinRoom({ room: 'hidden-after', nickname: 'Cy', visibility: 'private' })
    await joinRoom({ room: 'demo', nickname: 'Ann', visibility: 'public' })

    const rooms = page.getByRole('region', { name: 'Public rooms' }).getByRole('listitem')
    await expect(rooms).toHaveCount(1)
    await expect(rooms.first()).toContainText('demo')
    await expect(rooms.first()).toContainText('1/8')
    await expect(page.getByText(/hidden-/)).toHaveCount(0)
  })

  test('fills the room from the list and asks for the password of a locked room', async ({
    page,
    server,
    joinRoom,
  }) => {
    await joinRoom({
      room: 'secret',
      nickname: 'Ann',
      password: 'open sesame',
      visibility: 'public',
    })
    await page.goto(server.url)
    const room = page.getByRole('region', { name: 'Public rooms' }).getByRole('button')
    await expect(room.getByRole('img', { name: 'Locked with a password' })).toBeVisible()
    await room.click()
    await expect(page.getByLabel('Room name')).toHaveValue('secret')
    await expect(page.getByLabel('Password (optional)')).toBeFocused()
    await expect(page.getByText('This room is locked: enter its password.')).toBeVisible()
  })

  test('a listed room joins in one click, and the call copies its invite link in one more', async ({
    page,
    context,
    server,
    joinRoom,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await joinRoom({ room: 'demo', nickname: 'Ann', visibility: 'public' })
    await page.goto(server.url)
    await page.getByLabel('Your name').fill('Bo')
    await page.getByRole('region', { name: 'Public rooms' }).getByRole('button').click()
    await expect(
      page.getByRole('heading', { name: 'Check your camera and microphone' }),
    ).toBeVisible()
    await expect(page.getByText('Room demo, as Bo')).toBeVisible()
    await page.getByRole('button', { name: 'Join', exact: true }).click()

    await page.getByRole('button', { name: 'Copy invite link' }).click()
    await expect(page.getByText('Copied', { exact: true })).toBeVisible()
    await expect(page.getByText(`Invite link copied: ${server.url}/?room=demo`)).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${server.url}/?room=demo`,
    )
  })

  test('a join link fills the room name', async ({ page, server }) => {
    await page.goto(`${server.url}/?room=team%20standup`)
    await expect(page.getByLabel('Room name')).toHaveValue('team standup')
  })

  test('explains invalid entries and an unreachable server', async ({ page, server }) => {
    await page.goto(server.url)
    await page.getByLabel('Room name').fill('-bad')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByLabel('Your name')).toBeFocused()
    await expect(page.getByText('This must not be empty.')).toBeVisible()
    await expect(page.getByText(/Use letters, digits, spaces/)).toBeVisible()

    // A server that is not there (a closed port); the page's own CSP also blocks other origins.
    const server2 = 'http://127.0.0.1:9'
    await openMoreOptions(page)
    await page.getByLabel('Server address').fill(server2)
    await page.getByLabel('Server address').press('Enter')
    await expect(page.getByRole('status')).toContainText(
      `Can't reach the Noom server at ${server2}`,
    )
  })

  test('comes back from a wrong password with a message, keeping name and room', async ({
    page,
    server,
    joinRoom,
  }) => {
    await joinRoom({
      room: 'secret',
      nickname: 'Ann',
      password: 'open sesame',
      visibility: 'public',
    })
    await page.goto(server.url)
    await page.getByLabel('Your name').fill('Bo')
    await page.getByLabel('Room name').fill('secret')
    await openMoreOptions(page)
    await page.getByLabel('Password (optional)').fill('wrong')
    await page.getByRole('button', { name: 'Continue' }).click()

    await expect(
      page.getByRole('heading', { name: 'Check your camera and microphone' }),
    ).toBeVisible()
    await page.getByRole('button', { name: 'Join' }).click()

    await expect(page.getByRole('alert')).toContainText('Wrong password for this room.')
    await expect(page.getByLabel('Your name')).toHaveValue('Bo')
    await expect(page.getByLabel('Room name')).toHaveValue('secret')
    await expect(page.getByLabel('Password (optional)')).toHaveValue('')
    await expect(page.getByLabel('Password (optional)')).toBeFocused()
  })

  test('switches to Korean and remembers it', async ({ page, server }) => {
    await page.goto(server.url)
    await page.getByLabel('Language').selectOption('ko')
    await expect(page.getByRole('heading', { name: '통화 참여하기' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
    await page.reload()
    await expect(page.getByLabel('내 이름')).toBeVisible()
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility problems (${colorScheme})`, async ({
      page,
      server,
      joinRoom,
    }) => {
      await joinRoom({
        room: 'secret',
        nickname: 'Ann',
        password: 'pass-word',
        visibility: 'public',
      })
      await page.emulateMedia({ colorScheme })
      await page.goto(server.url)
      await expect(page.getByRole('status')).toHaveText(`Connected to ${server.url}`)
      await openMoreOptions(page)
      await page.getByRole('button', { name: 'Continue' }).click()
      await expect(page.getByLabel('Your name')).toHaveAccessibleDescription(
        'This must not be empty.',
      )
      expect(await seriousViolations(page)).toEqual([])
    })
  }

  test('the device check shows the camera and the microphone level', async ({ page, server }) => {
    const errors = collectErrors(page)
    await page.goto(server.url)
    await page.getByLabel('Your name').fill('Bo')
    await page.getByLabel('Room name').fill('demo')
    await page.getByRole('button', { name: 'Continue' }).click()

    const video = page.getByLabel('Your camera preview')
    await expect(video).toBeVisible()
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 10_000 })
      .toBeGreaterThan(0)
    await expect(page.getByRole('meter', { name: 'Microphone level' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Microphone on' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(page.getByLabel('Camera', { exact: true })).toBeEnabled()
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Back' }).click()
    await expect(page.getByLabel('Room name')).toHaveValue('demo')
    expect(errors).toEqual([])
  })
})
