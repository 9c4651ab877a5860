/**
 * Stand-ins for the app controller's tests: a bridge that records what the page asks of main and
 * lets a test play what main sends, and a page environment whose call parts and room-list sockets
 * the test can see.
 */
import { vi } from 'vitest'
import type {
  DeepLink,
  HostStatus,
  NoomBridge,
  ScreenPickRequest,
  UserSettings,
} from '../../contract/index.js'
import { STOPPED } from '../stores/host.svelte.js'
import type { RoomsSocket } from '../stores/rooms.svelte.js'
import { FakeCall, FakeChat, type FakeParts } from './app.fakes.svelte.js'
import type { CallParts } from './call-parts.js'
import type { AppEnvironment } from './environment.js'
import type { LobbyRequest } from './session.svelte.js'

/** What the lobby sends to join `demo` as Ann on `serverUrl`. */
export function lobbyRequest(serverUrl: string): LobbyRequest {
  return {
    serverUrl,
    nickname: 'Ann',
    room: 'demo',
    password: '',
    visibility: 'private',
    admission: 'open',
    relayOnly: false,
  }
}

/** Every NoomBridge method as a mock, with main's answers and a way to play its events. */
export function fakeBridge(
  over: { settings?: UserSettings | null; host?: HostStatus; platform?: string } = {},
) {
  const listeners = {
    deepLink: new Set<(link: DeepLink) => void>(),
    screenPick: new Set<(request: ScreenPickRequest) => void>(),
    hostStatus: new Set<(status: HostStatus) => void>(),
  }
  const on =
    <T>(set: Set<(value: T) => void>) =>
    (listener: (value: T) => void) => {
      set.add(listener)
      return () => set.delete(listener)
    }
  const bridge = {
    getInfo: vi.fn(() => Promise.resolve({ version: 'test', platform: over.platform ?? 'linux' })),
    getSettings: vi.fn(() => Promise.resolve(over.settings ?? null)),
    setSettings: vi.fn((_settings: UserSettings) => Promise.resolve()),
    allowServer: vi.fn((_url: string) => Promise.resolve({ admitted: true, reload: false })),
    onScreenPick: vi.fn(on(listeners.screenPick)),
    answerScreenPick: vi.fn(() => Promise.resolve()),
    getMediaAccess: vi.fn(() => Promise.resolve('granted' as const)),
    requestMediaAccess: vi.fn(() => Promise.resolve(true)),
    openMediaAccessSettings: vi.fn(() => Promise.resolve()),
    notify: vi.fn(() => Promise.resolve()),
    setBadgeCount: vi.fn((_count: number) => Promise.resolve()),
    setCallState: vi.fn((_state: { inCall: boolean }) => Promise.resolve()),
    onDeepLink: vi.fn(on(listeners.deepLink)),
    startHost: vi.fn(() => Promise.resolve(over.host ?? STOPPED)),
    stopHost: vi.fn(() => Promise.resolve(STOPPED)),
    getHostStatus: vi.fn(() => Promise.resolve(over.host ?? STOPPED)),
    onHostStatus: vi.fn(on(listeners.hostStatus)),
  } satisfies Partial<Record<keyof NoomBridge, unknown>>
  const emit = {
    deepLink: (link: DeepLink) => listeners.deepLink.forEach((l) => l(link)),
    hostStatus: (status: HostStatus) => listeners.hostStatus.forEach((l) => l(status)),
  }
  return { bridge, emit, asBridge: bridge as unknown as NoomBridge }
}

/** A room-list socket that only records the server it was opened for. */
function fakeRoomsSocket(url: string, opened: string[]): RoomsSocket {
  opened.push(url)
  const self = { on: () => self, emit: () => self, connect: () => self, disconnect: () => self }
  return self as unknown as RoomsSocket
}

/** A page environment around `bridge`, whose call parts and room sockets the test can see. */
export function fakeEnvironment(bridge: NoomBridge, over: Partial<AppEnvironment> = {}) {
  const parts: FakeParts[] = []
  const opened: string[] = []
  const focus = { focused: true, back: new Set<() => void>() }
  const pageHide = new Set<() => void>()
  const reload = vi.fn()
  const env: AppEnvironment = {
    bridge,
    desktop: false,
    storage: null,
    pageServer: 'http://127.0.0.1:4000',
    language: 'en-US',
    search: '',
    focus: {
      hasFocus: () => focus.focused,
      onFocus: (listener) => {
        focus.back.add(listener)
        return () => focus.back.delete(listener)
      },
    },
    onPageHide: (listener) => {
      pageHide.add(listener)
      return () => pageHide.delete(listener)
    },
    reload,
    createCallParts: (_settings, options) => {
      const made: FakeParts = {
        options,
        call: new FakeCall(),
        chat: new FakeChat(),
        devices: { start: vi.fn(), stop: vi.fn() },
        stopMedia: vi.fn(),
      }
      parts.push(made)
      return made as unknown as CallParts
    },
    connectRooms: (url) => fakeRoomsSocket(url, opened),
    ...over,
  }
  return { env, parts, opened, focus, reload, hidePage: () => pageHide.forEach((l) => l()) }
}
