/**
 * The App's rules about servers: only one the user admitted (main asks in its own dialog) is
 * used, a link's server may be for one call only, and a built-in server's key goes with every
 * connection to it and every link to it.
 */
import { flushSync } from 'svelte'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostStatus, UserSettings } from '../../contract/index.js'
import { DEFAULT_USER_SETTINGS } from '../../contract/index.js'
import { App } from './app.svelte.js'
import { fakeBridge, fakeEnvironment, lobbyRequest as request } from './app.fakes.js'
import type { AppEnvironment } from './environment.js'

const KEY = 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'
const OWN = 'https://own.example'
const FRIEND = 'https://friend.example'
const saved: UserSettings = { ...DEFAULT_USER_SETTINGS, serverUrl: OWN, nickname: 'Ann' }
const host: HostStatus = {
  state: 'running',
  port: 47320,
  lan: true,
  localUrl: 'http://127.0.0.1:47320',
  lanUrls: ['http://192.168.1.5:47320'],
  error: null,
  accessKey: KEY,
}

let started: App[] = []
afterEach(() => {
  for (const app of started) app.dispose()
  started = []
})

async function setup(
  options: Parameters<typeof fakeBridge>[0] = {},
  env: Partial<AppEnvironment> = { desktop: true },
) {
  const main = fakeBridge(options)
  const page = fakeEnvironment(main.asBridge, env)
  const app = await App.create(page.env)
  app.start()
  started.push(app)
  flushSync()
  return { app, main, page }
}

/** The server the page last asked main to save. */
const lastSaved = (main: ReturnType<typeof fakeBridge>) =>
  main.bridge.setSettings.mock.calls.at(-1)?.[0].serverUrl

describe('App: servers the user did not admit', () => {
  it('keeps the current server when the user turns one down in main’s dialog', async () => {
    const { app, main } = await setup({ settings: saved })
    main.bridge.allowServer.mockResolvedValue({ admitted: false, reload: false })
    expect(await app.chooseServer(FRIEND)).toBe(false)
    expect(app.settings.serverUrl).toBe(OWN)
    expect(main.bridge.setSettings).not.toHaveBeenCalled()
  })

  it('stays in the lobby when the server typed there is turned down', async () => {
    const { app, main } = await setup({ settings: saved })
    main.bridge.allowServer.mockResolvedValue({ admitted: false, reload: false })
    await app.toDeviceCheck(request(FRIEND))
    expect(main.bridge.allowServer).toHaveBeenCalledWith(FRIEND)
    expect(app.session.screen).toBe('lobby')
    expect(app.settings.serverUrl).toBe(OWN)
  })
})

describe('App: a link’s server for this call only', () => {
  it('uses it without saving it or asking main again, and goes back after the call', async () => {
    const { app, main } = await setup({ settings: saved })
    main.emit.deepLink({ room: 'standup', server: FRIEND, thisCallOnly: true })
    flushSync()
    expect(app.settings.serverUrl).toBe(FRIEND)
    expect(app.settings.callOnly).toBe(true)
    expect(main.bridge.allowServer).not.toHaveBeenCalled()
    await app.toDeviceCheck(request(FRIEND))
    await app.session.join()
    flushSync()
    expect(app.session.screen).toBe('call')
    expect(lastSaved(main)).toBe(OWN)
    app.session.leave()
    flushSync()
    expect(app.settings.serverUrl).toBe(OWN)
    expect(app.settings.callOnly).toBe(false)
  })
})

describe('App: access keys', () => {
  it('knows the built-in server’s key, and invites to its LAN address with it', async () => {
    const { app } = await setup({ settings: { ...saved, serverUrl: '' }, host })
    expect(app.settings.serverUrl).toBe('http://127.0.0.1:47320')
    expect(app.settings.accessKey('http://127.0.0.1:47320')).toBe(KEY)
    expect(app.invite).toEqual({ server: 'http://192.168.1.5:47320', key: KEY })
  })

  it('keeps the key a link carries for that link’s server', async () => {
    const { app } = await setup({ settings: saved })
    const lan = 'http://192.168.1.9:47320'
    app.openLink({ room: 'lan', server: lan, key: KEY, thisCallOnly: true })
    expect(app.settings.accessKey(lan)).toBe(KEY)
    expect(app.invite).toEqual({ server: lan, key: KEY })
  })

  it('in a guest’s browser, takes the key of its link for the server of the page', async () => {
    const { app } = await setup({}, { desktop: false, search: `?room=demo&key=${KEY}` })
    expect(app.settings.serverUrl).toBe('http://127.0.0.1:4000')
    expect(app.settings.accessKey('http://127.0.0.1:4000')).toBe(KEY)
    expect(app.session.draft.room).toBe('demo')
  })
})
