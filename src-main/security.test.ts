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
  ])('refuses %s for app %s', (url, app) => {
    expect(isAllowedNavigation(url, app)).toBe(false)
  })
})

/** A fake web contents that records the handlers the guard installs. */
function fakeContents() {
  let openHandler: (() => { action: 'deny' }) | undefined
  const listeners = new Map<string, (event: NavigationEvent, url: string) => void>()
  const contents: GuardableContents = {
    setWindowOpenHandler: (handler) => {
      openHandler = handler
    },
    on: (name: string, listener: (event: NavigationEvent, url: string) => void) =>
      listeners.set(name, listener),
  }
  const emit = (name: string, url = ''): boolean => {
    let prevented = false
    listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url)
    return prevented
  }
  return { contents, emit, open: () => openHandler?.() }
}

describe('guardWebContents', () => {
  it('denies every window.open', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, DEV_APP)
    expect(fake.open()).toEqual({ action: 'deny' })
  })

  it('cancels navigation away from the app and lets the app reload itself', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, DEV_APP)
    expect(fake.emit('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fake.emit('will-navigate', DEV_APP)).toBe(false)
  })

  it('refuses to attach a webview', () => {
    const fake = fakeContents()
    guardWebContents(fake.contents, DEV_APP)
    expect(fake.emit('will-attach-webview')).toBe(true)
  })
})
