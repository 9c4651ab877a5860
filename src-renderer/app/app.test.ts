import { flushSync } from 'svelte'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostStatus, UserSettings } from '../../contract/index.js'
import { App } from './app.svelte.js'
import type { FakeParts } from './app.fakes.svelte.js'
import { fakeBridge, fakeEnvironment, lobbyRequest } from './app.fakes.js'

const SERVER = 'http://127.0.0.1:4000'
const request = lobbyRequest(SERVER)

const running: HostStatus = {
  state: 'running',
  port: 47320,
  lan: false,
  localUrl: 'http://127.0.0.1:47320',
  lanUrls: [],
  error: null,
  accessKey: 'built-in-key-0123456789abcdef',
}

const saved: UserSettings = {
  serverUrl: '',
  nickname: 'Saved',
  lastRoom: 'standup',
  devices: { audioInput: null, videoInput: null, audioOutput: null },
  micOn: true,
  cameraOn: false,
  locale: 'ko',
  relayOnly: false,
}

let started: App[] = []
afterEach(() => {
  for (const app of started) app.dispose()
  started = []
})

async function setup(options: Parameters<typeof fakeBridge>[0] & { desktop?: boolean } = {}) {
  const main = fakeBridge(options)
  const page = fakeEnvironment(main.asBridge, { desktop: options.desktop ?? false })
  const app = await App.create(page.env)
  app.start()
  started.push(app)
  flushSync()
  return { app, main, page }
}

/** Lobby → device check → call, as the user would. */
async function enterCall(app: App, parts: FakeParts[]): Promise<FakeParts> {
  await app.toDeviceCheck(request)
  await app.session.join()
  flushSync()
  const made = parts.at(-1)
  if (!made) throw new Error('no call parts were made')
  return made
}

describe('App: building', () => {
  it('tells a host in the background that someone knocks, and stays quiet while focused', async () => {
    const { app, main, page } = await setup()
    await enterCall(app, page.parts)
    const onKnock = page.parts[0]!.options.onKnock!
    onKnock({ id: 'k1', nickname: 'Cy' }, 'demo')
    expect(main.bridge.notify).not.toHaveBeenCalled()
    page.focus.focused = false
    onKnock({ id: 'k2', nickname: 'Di' }, 'demo')
    expect(main.bridge.notify).toHaveBeenCalledExactlyOnceWith({
      title: 'Someone wants to join',
      body: 'Di is asking to join demo.',
    })
  })

  it('reads the desktop settings file before anything renders, language included', async () => {
    const { app } = await setup({ desktop: true, settings: saved })
    expect(app.settings.nickname).toBe('Saved')
    expect(app.session.draft.room).toBe('standup')
    expect(app.i18n.locale).toBe('ko')
  })

  it('offers the room of a join link over the last one', async () => {
    const main = fakeBridge({ settings: saved })
    const page = fakeEnvironment(main.asBridge, { desktop: true, search: '?room=from-link' })
    const app = await App.create(page.env)
    started.push(app)
    expect(app.session.draft.room).toBe('from-link')
  })

  it('uses the built-in server while the user has none of their own, and follows it', async () => {
    const { app, main } = await setup({ desktop: true, settings: saved, host: running })
    expect(app.settings.serverUrl).toBe('http://127.0.0.1:47320')
    main.emit.hostStatus({ ...running, port: 47321, localUrl: 'http://127.0.0.1:47321' })
    flushSync()
    expect(app.settings.serverUrl).toBe('http://127.0.0.1:47321')
  })

  it('tells the user when main could not write the settings file, and clears it once a save works', async () => {
    const { app, main } = await setup({ desktop: true, settings: saved })
    main.bridge.setSettings.mockRejectedValueOnce(
      new Error("Error invoking remote method 'settings:set': Error: The disk is full."),
    )
    app.settings.update({ nickname: 'Full disk' })
    await expect.poll(() => app.settings.saveProblem).toBe('The disk is full.')
    expect(app.settings.nickname).toBe('Full disk')
    app.settings.update({ nickname: 'Space again' })
    await expect.poll(() => app.settings.saveProblem).toBeNull()
  })
})

describe('App: rules between stores', () => {
  it('watches the chosen server’s rooms in the lobby only', async () => {
    const { app, page } = await setup()
    expect(app.rooms.server).toBe(SERVER)
    await app.toDeviceCheck(request)
    flushSync()
    expect(app.rooms.server).toBe('')
    app.session.backToLobby()
    flushSync()
    expect(app.rooms.server).toBe(SERVER)
    expect(page.opened).toEqual([SERVER, SERVER])
  })

  it('watches a newly chosen server and asks main to admit it (reloading when main says so)', async () => {
    const { app, main, page } = await setup()
    main.bridge.allowServer.mockResolvedValueOnce({ admitted: true, reload: true })
    await app.chooseServer('https://noom.example.org')
    flushSync()
    expect(app.rooms.server).toBe('https://noom.example.org')
    expect(main.bridge.allowServer).toHaveBeenCalledWith('https://noom.example.org')
    await expect.poll(() => page.reload).toHaveBeenCalledOnce()
  })

  it('asks the system for camera and microphone before the device check opens them', async () => {
    const { app, main, page } = await setup()
    main.bridge.getMediaAccess.mockResolvedValue('not-determined' as never)
    await app.toDeviceCheck(request)
    expect(main.bridge.requestMediaAccess).toHaveBeenCalledWith('microphone')
    expect(main.bridge.requestMediaAccess).toHaveBeenCalledWith('camera')
    expect(app.session.screen).toBe('devices')
    expect(page.parts[0]?.devices.start).toHaveBeenCalled()
  })

  it('tells main a call is on, and that it is over', async () => {
    const { app, main, page } = await setup()
    await enterCall(app, page.parts)
    expect(main.bridge.setCallState).toHaveBeenLastCalledWith({ inCall: true })
    app.session.leave()
    flushSync()
    expect(main.bridge.setCallState).toHaveBeenLastCalledWith({ inCall: false })
  })

  it('returns to the lobby with the failure when the call ends on its own', async () => {
    const { app, page } = await setup()
    const parts = await enterCall(app, page.parts)
    expect(app.session.screen).toBe('call')
    parts.call.failure = { code: 'replaced' }
    parts.call.phase = 'failed'
    flushSync()
    expect(app.session.screen).toBe('lobby')
    expect(app.session.failure).toEqual({ code: 'replaced' })
    expect(parts.stopMedia).toHaveBeenCalled()
  })

  it('shows unread chat on the badge during a call and clears it after', async () => {
    const { app, main, page } = await setup()
    const parts = await enterCall(app, page.parts)
    parts.chat.unread = 3
    flushSync()
    expect(main.bridge.setBadgeCount).toHaveBeenLastCalledWith(3)
    app.session.leave()
    flushSync()
    expect(main.bridge.setBadgeCount).toHaveBeenLastCalledWith(0)
  })

  it('leaves the call at once when the page is closed or reloaded', async () => {
    const { app, page } = await setup()
    const parts = await enterCall(app, page.parts)
    page.hidePage()
    expect(parts.call.leave).toHaveBeenCalled()
    expect(app.session.screen).toBe('lobby')
  })
})

describe('App: noom:// links', () => {
  it('fills the lobby with the room and server of a link', async () => {
    const { app, main } = await setup()
    const key = app.lobbyKey
    main.emit.deepLink({ room: 'linked', server: 'https://noom.example.org' })
    flushSync()
    expect(app.session.draft.room).toBe('linked')
    expect(app.settings.lastRoom).toBe('linked')
    await expect.poll(() => app.settings.serverUrl).toBe('https://noom.example.org')
    expect(app.lobbyKey).toBe(key + 2)
    expect(main.bridge.allowServer).toHaveBeenCalledWith('https://noom.example.org')
  })

  it('only remembers the room of a link that comes during a call', async () => {
    const { app, main, page } = await setup()
    await enterCall(app, page.parts)
    main.emit.deepLink({ room: 'later', server: 'https://noom.example.org' })
    flushSync()
    expect(app.session.screen).toBe('call')
    expect(app.settings.lastRoom).toBe('later')
    expect(app.settings.serverUrl).toBe(SERVER)
    expect(main.bridge.allowServer).not.toHaveBeenCalled()
  })

  it('stops listening to main when disposed', async () => {
    const { app, main } = await setup()
    app.dispose()
    main.emit.deepLink({ room: 'ignored' })
    expect(app.session.draft.room).not.toBe('ignored')
  })
})
