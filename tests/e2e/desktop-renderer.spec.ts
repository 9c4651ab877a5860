/**
 * The desktop app's side of the page, in real Chromium against the real server: the page is given a
 * stand-in `window.noom` (what the preload exposes in the app) that answers like main and records
 * every call, so the renderer's desktop paths run here even where Electron cannot (the Electron
 * suite covers main itself where a binary exists; tests/integration/main-process.test.ts covers it
 * against a fake electron).
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContext, Page } from '@playwright/test'
import type { DeepLink, NoomBridge, ScreenPickRequest } from '../../contract/index.js'
import { expect, expectParticipants, test } from './call/fixtures.js'

/** What the stand-in bridge lets a test do from outside the page. */
interface Harness {
  calls: [string, unknown[]][]
  emit(event: 'deepLink' | 'screenPick', payload: unknown): void
}

/**
 * Installs the stand-in bridge before the page's scripts run. Self-contained: Playwright serialises
 * it into the page. `hostUrl` is the real server, reported as the built-in one.
 */
function installBridge({ hostUrl, focused }: { hostUrl: string; focused: boolean }): void {
  const calls: [string, unknown[]][] = []
  const listeners: Record<string, ((payload: unknown) => void)[]> = {}
  const running = {
    state: 'running',
    port: Number(new URL(hostUrl).port),
    lan: false,
    localUrl: hostUrl,
    lanUrls: [],
    error: null,
    // The real server stands in for the built-in one, and has no access key.
    accessKey: null,
  }
  let settings: unknown = {
    serverUrl: '',
    nickname: '',
    lastRoom: '',
    devices: { audioInput: null, videoInput: null, audioOutput: null },
    micOn: true,
    cameraOn: true,
    locale: null,
    relayOnly: false,
  }
  const record =
    (name: string, answer: (...args: unknown[]) => unknown = () => undefined) =>
    (...args: unknown[]) => {
      calls.push([name, args])
      return Promise.resolve(answer(...args))
    }
  const subscribe = (event: string) => (listener: (payload: unknown) => void) => {
    ;(listeners[event] ??= []).push(listener)
    calls.push([`on:${event}`, []])
    return () => {
      listeners[event] = (listeners[event] ?? []).filter((l) => l !== listener)
    }
  }
  const bridge: Record<keyof NoomBridge, unknown> = {
    getInfo: record('getInfo', () => ({ version: '0.0.0-test', platform: 'linux' })),
    getSettings: record('getSettings', () => settings),
    setSettings: record('setSettings', (value) => void (settings = value)),
    allowServer: record('allowServer', () => ({ admitted: true, reload: false })),
    onScreenPick: subscribe('screenPick'),
    answerScreenPick: record('answerScreenPick'),
    getMediaAccess: record('getMediaAccess', () => 'granted'),
    requestMediaAccess: record('requestMediaAccess', () => true),
    openMediaAccessSettings: record('openMediaAccessSettings'),
    notify: record('notify'),
    setBadgeCount: record('setBadgeCount'),
    setCallState: record('setCallState'),
    onDeepLink: subscribe('deepLink'),
    startHost: record('startHost', () => running),
    stopHost: record('stopHost', () => ({ ...running, state: 'stopped', localUrl: null })),
    getHostStatus: record('getHostStatus', () => running),
    onHostStatus: subscribe('hostStatus'),
  }
  if (!focused) document.hasFocus = () => false
  Object.assign(window, {
    noom: bridge,
    __harness: {
      calls,
      emit: (event: string, payload: unknown) => {
        for (const listener of listeners[event] ?? []) listener(payload)
      },
    },
  })
}

async function openDesktop(
  context: BrowserContext,
  hostUrl: string,
  focused = true,
): Promise<Page> {
  await context.addInitScript(installBridge, { hostUrl, focused })
  const page = await context.newPage()
  await page.goto(hostUrl)
  return page
}

const callsTo = (page: Page, name: string) =>
  page.evaluate(
    (wanted) =>
      (window as unknown as { __harness: Harness }).__harness.calls
        .filter(([called]) => called === wanted)
        .map(([, args]) => args),
    name,
  )

const emit = (
  page: Page,
  event: 'deepLink' | 'screenPick',
  payload: DeepLink | ScreenPickRequest,
) =>
  page.evaluate(
    ([name, value]) => (window as unknown as { __harness: Harness }).__harness.emit(name, value),
    [event, payload] as const,
  )

async function joinFromLobby(page: Page, nickname: string, room: string): Promise<void> {
  await page.getByLabel('Your name').fill(nickname)
  await page.getByLabel('Room name').fill(room)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'Join', exact: true }).click()
}

test('a new desktop user joins on the built-in server: it is the lobby default, and main hears the call and the settings', async ({
  browser,
  rendezvous,
}) => {
  const context = await browser.newContext()
  const page = await openDesktop(context, rendezvous.url)
  const panel = page.getByRole('region', { name: 'Host on this computer' })
  await expect(panel.getByRole('status')).toHaveText('Running. Calls on this computer can use it.')
  await expect(page.getByLabel('Server address')).toHaveValue(rendezvous.url)
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await joinFromLobby(page, 'Desk', 'desk-room')
  await expectParticipants(page, ['Desk'])
  await expect.poll(() => callsTo(page, 'setCallState')).toContainEqual([{ inCall: true }])
  // Settings go to main's file, and "this computer" is saved rather than its address.
  const saved = (await callsTo(page, 'setSettings')).at(-1)?.[0]
  expect(saved).toMatchObject({ nickname: 'Desk', lastRoom: 'desk-room', serverUrl: '' })

  await page.getByRole('button', { name: 'Leave' }).click()
  await expect.poll(() => callsTo(page, 'setCallState')).toContainEqual([{ inCall: false }])
  await context.close()
})

test('a noom:// link fills the lobby with its room', async ({ browser, rendezvous }) => {
  const context = await browser.newContext()
  const page = await openDesktop(context, rendezvous.url)
  await page.getByLabel('Your name').fill('Desk')
  await expect.poll(() => callsTo(page, 'on:deepLink')).toHaveLength(1)
  await emit(page, 'deepLink', { room: 'linked-room' })
  await expect(page.getByLabel('Room name')).toHaveValue('linked-room')
  await context.close()
})

test('the screen picker shows what main offers and answers with the choice, or a cancel', async ({
  browser,
  rendezvous,
}) => {
  const context = await browser.newContext()
  const page = await openDesktop(context, rendezvous.url)
  await expect.poll(() => callsTo(page, 'on:screenPick')).toHaveLength(1)
  const png = 'data:image/png;base64,iVBORw0KGgo='
  const request: ScreenPickRequest = {
    requestId: 'req-1',
    systemAudio: true,
    sources: [
      { id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnail: png, appIcon: null },
      { id: 'window:7:0', name: '<b>Notes</b>', kind: 'window', thumbnail: png, appIcon: png },
    ],
  }
  await emit(page, 'screenPick', request)
  const picker = page.getByRole('dialog', { name: 'Choose what to share' })
  await expect(picker).toBeVisible()
  expect((await new AxeBuilder({ page }).include('dialog').analyze()).violations).toEqual([])
  // A window title is another app's text: shown as typed, never as markup.
  await picker.getByRole('radio', { name: /<b>Notes<\/b>/ }).click()
  await picker.getByRole('checkbox', { name: 'Share system audio' }).check()
  await picker.getByRole('button', { name: 'Share', exact: true }).click()
  await expect(picker).toBeHidden()
  expect(await callsTo(page, 'answerScreenPick')).toEqual([
    ['req-1', { sourceId: 'window:7:0', systemAudio: true }],
  ])

  await emit(page, 'screenPick', { ...request, requestId: 'req-2' })
  await expect(picker).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(picker).toBeHidden()
  expect((await callsTo(page, 'answerScreenPick')).at(-1)).toEqual(['req-2', null])
  await context.close()
})

test('a chat message while the window is in the background notifies and counts on the badge', async ({
  browser,
  rendezvous,
  member,
}) => {
  const context = await browser.newContext()
  const page = await openDesktop(context, rendezvous.url, false)
  await joinFromLobby(page, 'Desk', 'chat-room')
  const bo = await member({ nickname: 'Bo', room: 'chat-room' })
  await expectParticipants(page, ['Desk', 'Bo'])

  await bo.page.getByRole('button', { name: /^Chat/ }).click()
  await bo.page.getByRole('textbox', { name: 'Message' }).fill('<img src=x onerror=alert(1)> hi')
  await bo.page.keyboard.press('Enter')

  await expect
    .poll(() => callsTo(page, 'notify'))
    .toEqual([[{ title: 'Bo', body: '<img src=x onerror=alert(1)> hi' }]])
  await expect.poll(async () => (await callsTo(page, 'setBadgeCount')).at(-1)).toEqual([1])
  await context.close()
})
