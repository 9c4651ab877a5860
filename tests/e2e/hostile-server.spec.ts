/**
 * The real built renderer against a server that sends garbage (tests/e2e/hostile/): the page keeps
 * working with what is valid, drops the rest, warns once per event name, and renders every string
 * it was sent as text.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test as base, type Page } from '@playwright/test'
import { MARKUP, startHostileServer, type HostileServer } from './hostile/hostile-server.js'

const test = base.extend<{ hostile: HostileServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern here.
  hostile: async ({}, use) => {
    if (!existsSync(resolve(import.meta.dirname, '../../out/renderer/index.html'))) {
      throw new Error('No built renderer in out/renderer: run `npx electron-vite build` first.')
    }
    const server = await startHostileServer()
    await use(server)
    await server.close()
  },
})

/** What the page logged as warnings and errors, and scripts that ran from what the server sent. */
function watch(page: Page) {
  const warnings: string[] = []
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return { warnings, errors }
}

/** True when nothing the server sent became an element or an event handler attribute. */
function nothingInjected(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll('*')]
    const handlers = elements.some((el) => [...el.attributes].some((a) => a.name.startsWith('on')))
    const injected = document.querySelectorAll(
      'img[src="x"], b, script:not([src]), [src^="javascript"]',
    )
    return !handlers && injected.length === 0 && !('__pwned' in window)
  })
}

test.describe('a hostile server', () => {
  test('cannot break the lobby: only the valid rooms are listed, as text', async ({
    page,
    hostile,
  }) => {
    const seen = watch(page)
    await page.goto(hostile.url)
    await expect(page.getByRole('status')).toHaveText(`Connected to ${hostile.url}`)
    const rooms = page.getByRole('region', { name: 'Public rooms' }).getByRole('listitem')
    await expect(rooms).toHaveCount(2)
    await expect(rooms.nth(0)).toContainText('calm-room')
    await expect(rooms.nth(1)).toContainText('second-room')
    expect(await nothingInjected(page)).toBe(true)

    // The list still fills the form, and the form still checks what is typed.
    await rooms.nth(1).getByRole('button').click()
    await expect(page.getByLabel('Room name')).toHaveValue('second-room')
    expect(seen.warnings.filter((w) => w.includes('"rooms:changed"'))).toHaveLength(1)
    expect(seen.errors).toEqual([])
  })

  test('cannot break a call: valid peers show with their names as text, the rest never arrive', async ({
    page,
    hostile,
  }) => {
    const seen = watch(page)
    await page.goto(`${hostile.url}/?room=calm-room`)
    await page.getByLabel('Your name').fill('Ann')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Join', exact: true }).click()

    const names = page.locator('figure.tile.camera .name')
    // Ourselves, the two valid peers of the join answer, and the one valid newcomer.
    await expect(names).toHaveText(['Ann (you)', MARKUP.peer, MARKUP.bold, MARKUP.svg], {
      useInnerText: true,
    })
    for (const never of ['Bad Id', 'Extra', 'Dee', 'Nobody', 'Myself Again', 'GGGG']) {
      await expect(page.getByText(never, { exact: false })).toHaveCount(0)
    }

    await page.getByRole('button', { name: /^Chat/ }).click()
    const log = page.getByRole('log', { name: 'Messages' })
    await expect(log.getByText(MARKUP.history, { exact: true })).toBeVisible()
    await expect(log.getByText(MARKUP.chat, { exact: true })).toBeVisible()
    await expect(log.getByText('yesterday')).toHaveCount(0)
    await expect(log.getByText('xxxx')).toHaveCount(0)
    await page.getByRole('textbox', { name: 'Message' }).fill('still here')
    await page.keyboard.press('Enter')
    await expect(log.getByText('still here')).toBeVisible()
    await expect(log.getByText('Not sent')).toHaveCount(0)

    expect(await nothingInjected(page)).toBe(true)
    // One warning per kind of broken event, however many came.
    const about = (name: string) => seen.warnings.filter((w) => w.includes(`"${name}"`))
    expect(about('peer:joined')).toHaveLength(1)
    expect(about('chat:message')).toHaveLength(1)
    expect(about('room:join ack')).toHaveLength(1)
    expect(seen.errors).toEqual([])
  })

  test('a rename in the participants panel goes through from the keyboard', async ({
    page,
    hostile,
  }) => {
    await page.goto(`${hostile.url}/?room=calm-room`)
    await page.getByLabel('Your name').fill('Ann')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Join', exact: true }).click()
    await page.getByRole('button', { name: /^Participants/ }).click()

    const rename = page.getByRole('button', { name: 'Rename' })
    await rename.focus()
    await page.keyboard.press('Enter')
    const field = page.getByRole('textbox', { name: 'Your new name' })
    await expect(field).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(field).toHaveCount(0)
    await expect(rename).toBeFocused()

    await page.keyboard.press('Enter')
    await field.fill('Annie')
    await page.keyboard.press('Enter')
    await expect(field).toHaveCount(0)
    const panel = page.getByRole('complementary', { name: /^Participants/ })
    await expect(panel.getByText('Annie (you)')).toBeVisible()
    await expect(page.locator('figure.tile.camera .name').first()).toHaveText('Annie (you)')
  })
})
