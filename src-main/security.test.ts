import { describe, expect, it } from 'vitest'
import {
  createWebPreferences,
  guardWebContents,
  isAllowedNavigation,
  type GuardableContents,
  type NavigationEvent,
} from './security.js'

const FILE_APP = 'file:///opt/Noom/resources/app/out/renderer/index.html'
const DEV_APP = 'http://localhost:5173/'
const APP_SCHEME = 'app://noom/index.html'

describe('createWebPreferences', () => {
  it('isolates and sandboxes the page and gives it no Node or webview', () => {
    expect(createWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    })
  })
})

describe('isAllowedNavigation', () => {
  it.each([
    [DEV_APP, DEV_APP],
    ['http://localhost:5173/room/demo?x=1', DEV_APP],
    [`${FILE_APP}#/room/demo`, FILE_APP],
    [`${APP_SCHEME}#/room/demo`, APP_SCHEME],
    ['app://noom/', APP_SCHEME],
  ])('allows %s for app %s', (url, app) => {
    expect(isAllowedNavigation(url, app)).toBe(true)
  })

  it.each([
    ['https://evil.example/', DEV_APP],
    ['http://localhost:5174/', DEV_APP],
    ['http://localhost.evil.example:5173/', DEV_APP],
    ['file:///etc/passwd', FILE_APP],
    ['file:///opt/Noom/resources/app/out/renderer/other.html', FILE_APP],
    ['https://evil.example/', FILE_APP],
    ['javascript:alert(1)', DEV_APP],
    ['not a url', DEV_APP],
    [DEV_APP, 'not a url'],
    // Look-alike hosts, credentials and parser tricks.
    ['http://localhost:5173@evil.example/', DEV_APP],
    ['http://evil.example/#http://localhost:5173/', DEV_APP],
    ['http://127.0.0.1:5173/', DEV_APP],
    ['https://localhost:5173/', DEV_APP],
    ['http://localhost%3A5173/', DEV_APP],
    // Other schemes that carry or borrow the app's origin, or have none.
    ['blob:http://localhost:5173/0b5b4c1e', DEV_APP],
    ['filesystem:http://localhost:5173/temporary/x', DEV_APP],
    ['view-source:http://localhost:5173/', DEV_APP],
    ['about:blank', DEV_APP],
    ['data:text/html,<script>alert(1)</script>', DEV_APP],
    ['\\\\evil.example\\share\\index.html', DEV_APP],
    // file:// apps: other files, other hosts, UNC shares.
    [`${FILE_APP}/../../../../../../etc/passwd`, FILE_APP],
    ['file://evil.example/opt/Noom/resources/app/out/renderer/index.html', FILE_APP],
    ['file://///evil.example/share/index.html', FILE_APP],
    ['file:///opt/Noom/resources/app/out/renderer/index%2ehtml', FILE_APP],
    ['file:///opt/Noom/resources/app/out/renderer/index.html%00.evil', FILE_APP],
    ['blob:null/0b5b4c1e', FILE_APP],
    ['about:blank', FILE_APP],
    // app:// and data:/about: all have the opaque origin "null" in Node; none may match another.
    ['app://evil/', APP_SCHEME],
    ['app://noom.evil/', APP_SCHEME],
    ['app://noom@evil/', APP_SCHEME],
    ['data:text/html,x', APP_SCHEME],
    ['about:blank', APP_SCHEME],
    ['blob:app://noom/0b5b4c1e', APP_SCHEME],
  ])('refuses %s for app %s', (url, app) => {
    expect(isAllowedNavigation(url, app)).toBe(false)
  })
})

/** A fake web contents that records the handlers the guard installs. */
function fakeContents() {
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const listeners = new Map<string, (event: NavigationEvent) => void>()
  const contents: GuardableContents = {
    setWindowOpenHandler: (handler) => {
      openHandler = handler
    },
    on: (name: string, listener: (event: NavigationEvent) => void) => listeners.set(name, listener),
  }
  const emit = (name: string, url = ''): boolean => {
    let prevented = false
    listeners.get(name)?.({ url, preventDefault: () => (prevented = true) })
    return prevented
  }
  return { contents, emit, open: (url = 'https://a.example/') => openHandler?.({ url }) }
}

describe('guardWebContents', () => {
  it('denies every window.open', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, DEV_APP)
    expect(fake.open()).toEqual({ action: 'deny' })
  })

  it('hands a link meant for a new window to the external-link check instead', () => {
    const fake = fakeContents()
    const opened: string[] = []
    guardWebContents(fake.contents, DEV_APP, (url) => opened.push(url))
    expect(fake.open('https://noom.example.org/help')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://noom.example.org/help'])
  })

  it('cancels navigation away from the app and lets the app reload itself', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, DEV_APP)
    expect(fake.emit('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fake.emit('will-navigate', DEV_APP)).toBe(false)
  })

  it('cancels a redirect and a frame navigation away from the app, as a navigation', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, DEV_APP)
    for (const event of ['will-redirect', 'will-frame-navigate']) {
      expect(fake.emit(event, 'https://evil.example/')).toBe(true)
      expect(fake.emit(event, 'javascript:alert(1)')).toBe(true)
      expect(fake.emit(event, DEV_APP)).toBe(false)
    }
  })

  it('refuses to attach a webview', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, DEV_APP)
    expect(fake.emit('will-attach-webview')).toBe(true)
  })
})
