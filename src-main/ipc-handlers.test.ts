import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, DEFAULT_USER_SETTINGS } from '../contract/index.js'
import { registerIpcHandlers, type MainServices } from './ipc-handlers.js'
import { createHandle, type InvokeEvent } from './ipc.js'

const APP_URL = 'app://noom/index.html'
type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown

/** Registers the handlers on a fake ipcMain with services that record their calls. */
function setup() {
  const listeners = new Map<string, Listener>()
  const services = new Proxy({} as Record<string, ReturnType<typeof vi.fn>>, {
    get: (target, name: string) => (target[name] ??= vi.fn(() => `${name} done`)),
  })
  registerIpcHandlers(
    createHandle({ handle: (channel, listener) => void listeners.set(channel, listener) }, APP_URL),
    services as unknown as MainServices,
  )
  const invoke = (channel: string, args: unknown[], url: string | null = APP_URL) => {
    const listener = listeners.get(channel)
    if (!listener) throw new Error(`nothing registered on ${channel}`)
    return listener({ senderFrame: url === null ? null : { url } }, ...args)
  }
  return { listeners, services, invoke }
}

const user = DEFAULT_USER_SETTINGS

/** One valid call per channel: its arguments and the service that must run with them. */
const valid: [keyof typeof CHANNELS, unknown[]][] = [
  ['getInfo', []],
  ['getSettings', []],
  ['setSettings', [user]],
  ['allowServer', ['https://noom.example.org']],
  ['answerScreenPick', ['r-1', { sourceId: 'screen:0:0', systemAudio: true }]],
  ['answerScreenPick', ['r-1', null]],
  ['getMediaAccess', ['screen']],
  ['requestMediaAccess', ['camera']],
  ['openMediaAccessSettings', ['microphone']],
  ['notify', [{ title: 'Ann', body: 'hello' }]],
  ['setBadgeCount', [4]],
  ['setCallState', [{ inCall: true }]],
  ['deepLinkReady', []],
  ['startHost', [{ port: 0, lan: true }]],
  ['stopHost', []],
  ['getHostStatus', []],
]

/** Payloads a compromised page might send; each must be refused before any service runs. */
const invalid: [keyof typeof CHANNELS, unknown[]][] = [
  ['getInfo', ['extra']],
  ['setSettings', [{ ...user, serverUrl: 'file:///etc' }]],
  ['setSettings', [{ ...user, isAdmin: true }]],
  ['setSettings', []],
  ['allowServer', [42]],
  ['allowServer', ['x'.repeat(257)]],
  ['allowServer', ['https://noom.example.org/path']],
  ['answerScreenPick', ['r-1', { sourceId: 'screen:0:0' }]],
  ['answerScreenPick', ['r-1', { sourceId: 'screen:0:0', systemAudio: false, extra: 1 }]],
  ['answerScreenPick', [{}, null]],
  ['getMediaAccess', ['bluetooth']],
  ['requestMediaAccess', ['screen']],
  ['notify', [{ title: 'a' }]],
  ['notify', ['<b>hi</b>']],
  ['setBadgeCount', [-1]],
  ['setBadgeCount', [1.5]],
  ['setBadgeCount', ['3']],
  ['setCallState', [{ inCall: 'yes' }]],
  ['startHost', [{ port: 80, lan: false }]],
  ['startHost', [{ port: 4000, lan: false, host: '0.0.0.0' }]],
  ['stopHost', [true]],
]

describe('registerIpcHandlers', () => {
  it('registers every channel in CHANNELS, and nothing else', () => {
    const { listeners } = setup()
    expect([...listeners.keys()].sort()).toEqual(Object.values(CHANNELS).sort())
  })

  it.each(valid)('%s runs its service with the parsed arguments', async (name, args) => {
    const { services, invoke } = setup()
    expect(await invoke(CHANNELS[name], args)).toBe(`${name} done`)
    expect(services[name]).toHaveBeenCalledExactlyOnceWith(...args)
  })

  it.each(invalid)('%s refuses %j and runs nothing', (name, args) => {
    const { services, invoke } = setup()
    expect(() => invoke(CHANNELS[name], args)).toThrow(/invalid arguments/)
    expect(services[name]).not.toHaveBeenCalled()
  })

  it.each([
    ['another site', 'https://evil.example/'],
    ['a look-alike app host', 'app://noom.evil/index.html'],
    ['a file page', 'file:///tmp/index.html'],
    ['a data: page', 'data:text/html,hi'],
    ['a destroyed frame', null],
  ])('refuses every request from %s', (_what, url) => {
    const { services, invoke } = setup()
    for (const [name, args] of valid) {
      expect(() => invoke(CHANNELS[name], args, url)).toThrow(/untrusted sender/)
      expect(services[name]).not.toHaveBeenCalled()
    }
  })
})
