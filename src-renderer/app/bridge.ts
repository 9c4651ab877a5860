import type { NoomBridge } from '../../contract/index.js'
import { STOPPED as NO_HOST } from '../stores/host.svelte.js'

/**
 * The bridge for a plain browser (a guest without the app, or Playwright): browser APIs stand in
 * for what the desktop preload provides, and desktop-only capabilities answer "not here": no saved
 * settings (the page keeps its own), no built-in server, no badge. Screen sharing uses the
 * browser's own picker, so no pick request ever comes.
 */
export function createWebBridge(): NoomBridge {
  const version = typeof __NOOM_VERSION__ === 'string' ? __NOOM_VERSION__ : 'web'
  const nothing = (): Promise<void> => Promise.resolve()
  const never = () => () => {}
  return {
    getInfo: () => Promise.resolve({ version, platform: 'web' }),
    getSettings: () => Promise.resolve(null),
    setSettings: nothing,
    // The page's own CSP (from the server that served it) decides; reloading changes nothing.
    allowServer: () => Promise.resolve({ admitted: true, reload: false }),
    onScreenPick: never,
    answerScreenPick: nothing,
    // The browser asks for camera and microphone itself, per site.
    getMediaAccess: () => Promise.resolve('unknown'),
    requestMediaAccess: () => Promise.resolve(true),
    openMediaAccessSettings: nothing,
    notify: nothing,
    setBadgeCount: nothing,
    setCallState: nothing,
    onDeepLink: never,
    startHost: () => Promise.resolve(NO_HOST),
    stopHost: () => Promise.resolve(NO_HOST),
    getHostStatus: () => Promise.resolve(NO_HOST),
    onHostStatus: never,
  }
}

/** True inside the desktop app (the preload exposed `window.noom`). */
export function isDesktop(win: Window & { noom?: NoomBridge }): boolean {
  return win.noom !== undefined
}

/**
 * The preload's bridge when running in the desktop app, else the web one. This is the only place
 * that reads `window.noom`; everything else imports `bridge`.
 */
export function resolveBridge(win: Window & { noom?: NoomBridge }): NoomBridge {
  return win.noom ?? createWebBridge()
}
