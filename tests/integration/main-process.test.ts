/**
 * The Electron main process as a whole, started against a fake `electron` module (the binary cannot
 * run here): what src-main/index.ts wires up at launch. The fake records what main asks of Electron;
 * everything else is real: the settings file in a temp directory, the built-in rendezvous server on
 * a real port (joined over a real socket), the IPC helper and handlers.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { HostStatus } from '../../contract/index.js'
import { CHANNELS, EVENTS } from '../../contract/index.js'

type Listener = (...args: never[]) => unknown

/** Records every `on(...)` so the test can emit Electron's events. */
class Emitter {
  readonly events = new EventEmitter()
  on(event: string, listener: Listener): this {
    this.events.on(event, listener as (...args: unknown[]) => void)
    return this
  }
  once(event: string, listener: Listener): this {
    this.events.once(event, listener as (...args: unknown[]) => void)
    return this
  }
  emit(event: string, ...args: unknown[]): boolean {
    return this.events.emit(event, ...args)
  }
}

const fake = vi.hoisted(() => {
  const userData = { path: '' }
  const session: Record<string, unknown> = {}
  const ready: { resolve: () => void } = { resolve: () => {} }
  return {
    userData,
    windows: [] as unknown[],
    ipc: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    privileged: [] as unknown[],
    session,
    defaultClient: [] as unknown[],
    blockers: new Set<number>(),
    dialogAnswer: { response: 0, checkboxChecked: false },
    dialogs: 0,
    /** The options of every message box main showed, in order. */
    dialogOptions: [] as Record<string, unknown>[],
    reloads: 0,
    ready,
  }
})

vi.mock('electron', () => {
  class FakeWebContents extends Emitter {
    readonly sent: [string, unknown][] = []
    send(channel: string, payload: unknown): void {
      this.sent.push([channel, payload])
    }
    reload(): void {
      fake.reloads++
      // The page goes away; the new one listens for links again.
      this.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    }
    setWindowOpenHandler(): void {}
  }
  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents()
    loaded = ''
    closed = false
    constructor(readonly options: Record<string, unknown>) {
      super()
      fake.windows.push(this)
    }
    loadURL(url: string): Promise<void> {
      this.loaded = url
      return Promise.resolve()
    }
    close(): void {
      this.closed = true
    }
    static getAllWindows = (): unknown[] => fake.windows
    isDestroyed = () => false
    isMaximized = () => false
    isMinimized = () => false
    isFocused = () => false
    getNormalBounds = () => ({ x: 10, y: 10, width: 900, height: 600 })
    show(): void {}
    focus(): void {}
    restore(): void {}
    maximize(): void {}
    flashFrame(): void {}
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    setAsDefaultProtocolClient: (...args: unknown[]) => void fake.defaultClient.push(args),
    whenReady: () => new Promise<void>((resolve) => (fake.ready.resolve = resolve)),
    getPath: () => fake.userData.path,
    getVersion: () => '9.9.9',
    getLocale: () => 'en-US',
    setBadgeCount: () => true,
    quit: () => {},
    exit: () => {},
  })
  let nextBlocker = 1
  return {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) =>
        void fake.ipc.set(channel, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void fake.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        void fake.protocols.set(scheme, handler),
    },
    session: {
      defaultSession: new Proxy(
        {},
        {
          get: (_target, name: string) => (handler: unknown, options?: unknown) =>
            void (fake.session[name] = { handler, options }),
        },
      ),
    },
    desktopCapturer: { getSources: () => Promise.resolve([]) },
    powerSaveBlocker: {
      start: () => {
        const id = nextBlocker++
        fake.blockers.add(id)
        return id
      },
      stop: (id: number) => void fake.blockers.delete(id),
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    dialog: {
      showMessageBox: (...args: unknown[]) => {
        fake.dialogs++
        fake.dialogOptions.push(args.at(-1) as Record<string, unknown>)
        return Promise.resolve(fake.dialogAnswer)
      },
    },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    shell: { openExternal: () => Promise.resolve() },
    systemPreferences: {
      getMediaAccessStatus: () => 'granted',
      askForMediaAccess: () => Promise.resolve(true),
    },
  }
})

interface RecordedWindow extends Emitter {
  options: { webPreferences: Record<string, unknown> }
  loaded: string
  closed: boolean
  webContents: Emitter & { sent: [string, unknown][] }
}

const APP_FRAME = { senderFrame: { url: 'app://noom/index.html' } }
/** Calls an IPC handler as the app's own page would. */
const invoke = async <T>(channel: string, ...args: unknown[]): Promise<T> => {
  const handler = fake.ipc.get(channel)
  if (!handler) throw new Error(`nothing handles ${channel}`)
  return (await handler(APP_FRAME, ...args)) as T
}

let win: RecordedWindow

/** Opens `link` as a second launch would, and waits until `done` holds (main dealt with it). */
async function openLinkAndWait(link: string, done: () => boolean): Promise<void> {
  const { app } = await import('electron')
  app.emit('second-instance', {}, ['noom', link])
  await vi.waitFor(() => expect(done()).toBe(true))
  // Let the promise chain that got there settle.
  await new Promise((resolve) => setTimeout(resolve, 20))
}

/**
 * Whether the page's policy names `origin` already: allowServer then admits it without a dialog
 * (the renderer is not built here, so app:// serves no page whose header could be read).
 */
async function inPolicy(origin: string): Promise<boolean> {
  const { dialogs, dialogAnswer } = fake
  fake.dialogAnswer = { response: 1, checkboxChecked: false } // Cancel, should it ask
  try {
    const { admitted } = await invoke<{ admitted: boolean }>(CHANNELS.allowServer, origin)
    return admitted && fake.dialogs === dialogs
  } finally {
    fake.dialogAnswer = dialogAnswer
  }
}

beforeAll(async () => {
  fake.userData.path = mkdtempSync(join(tmpdir(), 'noom-main-'))
  // Electron adds this to process; Node has none.
  Object.assign(process, { getSystemVersion: () => '14.0.0' })
  // A cold start by a link: the link is among the process arguments.
  process.argv.push('noom://join/cold-start-room')
  await import('../../src-main/index.js')
  fake.ready.resolve()
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 })
  win = fake.windows[0] as RecordedWindow
})

afterAll(async () => {
  process.argv.pop()
  await invoke(CHANNELS.stopHost)
  rmSync(fake.userData.path, { recursive: true, force: true })
})

describe('the main process at launch', () => {
  it('registers app:// as a privileged, secure scheme and serves the page from it', () => {
    expect(fake.privileged).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
      },
    ])
    expect(fake.protocols.has('app')).toBe(true)
    expect(win.loaded).toBe('app://noom/index.html')
  })

  it('opens one window with the secure preferences and the CommonJS preload', () => {
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    })
    expect(String(win.options.webPreferences['preload'])).toMatch(/preload[/\\]index\.cjs$/)
  })

  it('installs every permission handler and the display-media handler', () => {
    expect(Object.keys(fake.session).sort()).toEqual([
      'setDevicePermissionHandler',
      'setDisplayMediaRequestHandler',
      'setPermissionCheckHandler',
      'setPermissionRequestHandler',
    ])
  })

  it('grants the camera to the app and refuses a foreign page', () => {
    const { handler } = fake.session['setPermissionRequestHandler'] as {
      handler: (c: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void
    }
    const answers: boolean[] = []
    const ask = (requestingUrl: string) =>
      handler(null, 'media', (ok) => answers.push(ok), {
        requestingUrl,
        isMainFrame: true,
        mediaTypes: ['video'],
      })
    ask('app://noom/index.html')
    ask('https://evil.example/')
    expect(answers).toEqual([true, false])
  })

  it('registers a handler for every request channel', () => {
    expect([...fake.ipc.keys()].sort()).toEqual(Object.values(CHANNELS).sort())
  })

  it('registers itself for noom: links', () => {
    expect(fake.defaultClient[0]).toEqual(expect.arrayContaining(['noom']))
  })

  it('starts the built-in server by default, and a member can join it over a real socket', async () => {
    const status = await invoke<HostStatus>(CHANNELS.getHostStatus)
    expect(status).toMatchObject({ state: 'running', lan: false })
    // With the key main gives the page: without it the built-in server admits nobody.
    expect(status.accessKey).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const socket = io(status.localUrl ?? '', {
      transports: ['websocket'],
      extraHeaders: { origin: 'app://noom' },
      auth: { key: status.accessKey },
    })
    try {
      const ack: unknown = await socket
        .timeout(5000)
        .emitWithAck('room:join', { room: 'main-test', nickname: 'Ann' })
      expect(ack).toMatchObject({ ok: true })
    } finally {
      socket.close()
    }
  })

  it('holds the cold-start link until the page listens, then sends it', async () => {
    const links = () => win.webContents.sent.filter(([channel]) => channel === EVENTS.deepLink)
    expect(links()).toEqual([])
    await invoke(CHANNELS.deepLinkReady)
    expect(links()).toEqual([[EVENTS.deepLink, { room: 'cold-start-room' }]])
  })

  it('hands a link from a second launch to the running app, and drops a hostile one', async () => {
    const before = win.webContents.sent.length
    const { app } = await import('electron')
    app.emit('second-instance', {}, ['noom', 'noom://join/second'])
    app.emit('second-instance', {}, ['noom', 'noom://join/x/../../etc?server=javascript:1'])
    await vi.waitFor(() => expect(win.webContents.sent.length).toBeGreaterThan(before))
    expect(win.webContents.sent.slice(before)).toEqual([[EVENTS.deepLink, { room: 'second' }]])
  })

  it('asks in a native dialog before a link’s server is used; cancelled, nothing changes', async () => {
    const before = { sent: win.webContents.sent.length, dialogs: fake.dialogs }
    fake.dialogAnswer = { response: 1, checkboxChecked: true } // Cancel
    const link = 'noom://join/standup?server=https://hostile.example'
    await openLinkAndWait(link, () => fake.dialogs > before.dialogs)
    expect(fake.dialogOptions.at(-1)).toMatchObject({
      detail: expect.stringContaining('\nhttps://hostile.example\n') as unknown,
      checkboxLabel: 'Use this server from now on',
    })
    expect(win.webContents.sent.length).toBe(before.sent)
    expect(fake.reloads).toBe(0)
    const user = await invoke<{ serverUrl: string }>(CHANNELS.getSettings)
    expect(user.serverUrl).toBe('')
    expect(await inPolicy('https://hostile.example')).toBe(false)
  })

  it('confirmed, lets the server in for this call only: the page reloads, then gets the link', async () => {
    fake.dialogAnswer = { response: 0, checkboxChecked: false }
    const link = 'noom://join/standup?server=https://friend.example'
    await openLinkAndWait(link, () => fake.reloads > 0)
    expect(fake.reloads).toBe(1)
    await invoke(CHANNELS.deepLinkReady)
    expect(win.webContents.sent.at(-1)).toEqual([
      EVENTS.deepLink,
      { room: 'standup', server: 'https://friend.example', thisCallOnly: true },
    ])
    const user = await invoke<Record<string, unknown>>(CHANNELS.getSettings)
    expect(user['serverUrl']).toBe('')
    // The page cannot save it as the user's server: only "from now on" does that.
    await expect(
      invoke(CHANNELS.setSettings, { ...user, serverUrl: 'https://friend.example' }),
    ).rejects.toThrow(/not confirmed/)
    expect(await inPolicy('https://friend.example')).toBe(true)
  })

  it('with "from now on" ticked, saves the server and passes its key on', async () => {
    fake.dialogAnswer = { response: 0, checkboxChecked: true }
    const key = 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'
    const reloads = fake.reloads
    const link = `noom://join/lan?server=http://192.168.1.20:47320&key=${key}`
    await openLinkAndWait(link, () => fake.reloads > reloads)
    expect(fake.dialogOptions.at(-1)).toMatchObject({
      type: 'warning',
      detail: expect.stringContaining('not encrypted') as unknown,
    })
    await invoke(CHANNELS.deepLinkReady)
    expect(win.webContents.sent.at(-1)).toEqual([
      EVENTS.deepLink,
      { room: 'lan', server: 'http://192.168.1.20:47320', key },
    ])
    const user = await invoke<Record<string, unknown>>(CHANNELS.getSettings)
    expect(user['serverUrl']).toBe('http://192.168.1.20:47320')
    await invoke(CHANNELS.setSettings, { ...user, serverUrl: '' })
  })

  it('during a call hands on only a link’s room, asking nothing and reloading nothing', async () => {
    await invoke(CHANNELS.setCallState, { inCall: true })
    const { dialogs, reloads } = fake
    const sent = win.webContents.sent.length
    await openLinkAndWait('noom://join/next?server=https://later.example', () => {
      return win.webContents.sent.length > sent
    })
    expect(win.webContents.sent.at(-1)).toEqual([EVENTS.deepLink, { room: 'next' }])
    expect([fake.dialogs, fake.reloads]).toEqual([dialogs, reloads])
    await invoke(CHANNELS.setCallState, { inCall: false })
  })

  it('refuses a link to plain http on the internet without asking', async () => {
    const before = { sent: win.webContents.sent.length, dialogs: fake.dialogs }
    const { app } = await import('electron')
    app.emit('second-instance', {}, ['noom', 'noom://join/x?server=http://noom.example.org'])
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(fake.dialogs).toBe(before.dialogs)
    expect(win.webContents.sent.length).toBe(before.sent)
  })

  it('answers a settings save once the file holds it, and refuses bad settings', async () => {
    const user = await invoke<Record<string, unknown>>(CHANNELS.getSettings)
    await invoke(CHANNELS.setSettings, { ...user, nickname: 'Desk' })
    const file = JSON.parse(readFileSync(join(fake.userData.path, 'settings.json'), 'utf8')) as {
      user: { nickname: string }
    }
    expect(file.user.nickname).toBe('Desk')
    await expect(invoke(CHANNELS.setSettings, { ...user, nickname: 5 })).rejects.toThrow(
      /invalid arguments/,
    )
  })

  it('rejects a settings save the disk refused with a sentence for the user', async () => {
    const user = await invoke<Record<string, unknown>>(CHANNELS.getSettings)
    // A directory where the file goes: the rename over it fails (EISDIR), as a broken profile would.
    const path = join(fake.userData.path, 'settings.json')
    rmSync(path)
    mkdirSync(join(path, 'in-the-way'), { recursive: true })
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const saving = invoke(CHANNELS.setSettings, { ...user, nickname: 'Lost' })
      await expect(saving).rejects.toThrow('Noom could not save your settings.')
      await expect(saving).rejects.not.toThrow(/EISDIR|in-the-way/)
      expect(errors).toHaveBeenCalledOnce()
    } finally {
      errors.mockRestore()
      rmSync(path, { recursive: true })
    }
    await invoke(CHANNELS.setSettings, { ...user, nickname: 'Kept' })
    expect(readFileSync(path, 'utf8')).toContain('"Kept"')
  })

  it('lets the page admit a server only through main’s dialog, then asks for a reload', async () => {
    const user = await invoke<Record<string, unknown>>(CHANNELS.getSettings)
    // A compromised page saving a server of its own choosing is refused.
    await expect(
      invoke(CHANNELS.setSettings, { ...user, serverUrl: 'https://noom.example.org' }),
    ).rejects.toThrow(/not confirmed/)
    const dialogs = fake.dialogs
    fake.dialogAnswer = { response: 1, checkboxChecked: false } // Cancel
    await expect(invoke(CHANNELS.allowServer, 'https://noom.example.org')).resolves.toEqual({
      admitted: false,
      reload: false,
    })
    expect(await inPolicy('https://noom.example.org')).toBe(false)
    fake.dialogAnswer = { response: 0, checkboxChecked: false }
    await expect(invoke(CHANNELS.allowServer, 'https://noom.example.org')).resolves.toEqual({
      admitted: true,
      reload: true,
    })
    expect(fake.dialogs).toBe(dialogs + 3)
    expect(fake.dialogOptions.at(-1)?.['checkboxLabel']).toBeUndefined()
    await expect(invoke(CHANNELS.allowServer, 'http://127.0.0.1:3000')).resolves.toEqual({
      admitted: true,
      reload: false,
    })
    expect(fake.dialogs).toBe(dialogs + 3)
    await invoke(CHANNELS.setSettings, { ...user, serverUrl: '' })
    const handler = fake.protocols.get('app')
    const outside = await handler?.(new Request('app://noom/%2e%2e/%2e%2e/package.json'))
    expect(outside?.status).toBe(404)
  })

  it('keeps the display awake during a call and asks before the window closes', async () => {
    await invoke(CHANNELS.setCallState, { inCall: true })
    expect(fake.blockers.size).toBe(1)

    fake.dialogAnswer = { response: 1, checkboxChecked: false } // "Stay in the call"
    const dialogs = fake.dialogs
    let prevented = false
    win.emit('close', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    await vi.waitFor(() => expect(fake.dialogs).toBe(dialogs + 1))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(win.closed).toBe(false)

    fake.dialogAnswer = { response: 0, checkboxChecked: false } // "Leave and close"
    win.emit('close', { preventDefault: () => {} })
    await vi.waitFor(() => expect(win.closed).toBe(true))

    await invoke(CHANNELS.setCallState, { inCall: false })
    expect(fake.blockers.size).toBe(0)
  })

  it('refuses every request from a frame that is not the app', () => {
    const handler = fake.ipc.get(CHANNELS.getSettings)
    expect(() => handler?.({ senderFrame: { url: 'https://evil.example/' } })).toThrow(
      /untrusted sender/,
    )
  })
})
