import type { NoomBridge } from '../../src-preload/bridge.js'

/**
 * The bridge for a plain browser (a guest without the app, or Playwright): browser APIs stand in
 * for what the desktop preload provides.
 */
export function createWebBridge(): NoomBridge {
  const version = typeof __NOOM_VERSION__ === 'string' ? __NOOM_VERSION__ : 'web'
  return {
    getInfo: () => Promise.resolve({ version, platform: 'web' }),
  }
}

/**
 * The preload's bridge when running in the desktop app, else the web one. This is the only place
 * that reads `window.noom`; everything else imports `bridge`.
 */
export function resolveBridge(win: Window & { noom?: NoomBridge }): NoomBridge {
  return win.noom ?? createWebBridge()
}

export const bridge: NoomBridge = resolveBridge(window)
