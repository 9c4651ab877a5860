import { expect, test } from './fixtures.js'

test.describe('lobby', () => {
  test('shows the app name and connects to the server that served it', async ({ page, server }) => {
    // Console errors include CSP violations: the built page must work under its own policy.
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))

    await page.goto(server.url)
    await expect(page.getByRole('heading', { level: 1, name: 'Noom' })).toBeVisible()
    await expect(page.getByRole('status')).toHaveText('Connected')
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
    await expect(page.getByRole('status')).toHaveText('Connected')
    await joinRoom({ room: 'hidden-after', nickname: 'Cy', visibility: 'private' })
    await joinRoom({ room: 'demo', nickname: 'Ann' })

    const rooms = page.getByRole('region', { name: 'Public rooms' }).getByRole('listitem')
    await expect(rooms).toHaveCount(1)
    await expect(rooms.first()).toContainText('demo')
    await expect(rooms.first()).toContainText('1/8')
    await expect(page.getByText(/hidden-/)).toHaveCount(0)
  })
})
