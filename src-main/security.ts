import type { WebPreferences } from 'electron'

/**
 * The only webPreferences any Noom window gets. The page is treated as untrusted web content:
 * no Node, an isolated and sandboxed preload, no <webview>.
 */
export function createWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Dropping a file or link on the window must not navigate away from the app.
    navigateOnDragDrop: false,
  }
}

/**
 * True when `url` is the app itself: the same scheme, host and port as the app (the dev server or
 * app://noom), or for a file:// app the same index.html (file URLs all share the opaque origin
 * "null", so origin alone proves nothing).
 */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = URL.parse(url)
  const app = URL.parse(appUrl)
  if (!target || !app) return false
  if (app.protocol === 'file:') {
    return (
      target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname
    )
  }
  // Compare scheme and host rather than `origin`: Node gives non-special schemes (app://) and
  // data:/about: the opaque origin "null", so "null" === "null" would admit app://evil and data:.
  // Matching the scheme also refuses blob:http://app/..., whose origin is the app's.
  return (
    target.protocol === app.protocol &&
    app.host !== '' &&
    target.host.toLowerCase() === app.host.toLowerCase()
  )
}

/** The part of an Electron navigation event the guard uses (`url`: where it would go). */
export interface NavigationEvent {
  readonly url: string
  preventDefault(): void
}

/** The part of an Electron event the guard only cancels. */
export interface CancellableEvent {
  preventDefault(): void
}

/** The part of `WebContents` the guard uses; a real WebContents satisfies it. */
export interface GuardableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: CancellableEvent) => void): unknown
}

/**
 * Keeps a web contents on the app: navigation anywhere but the app is cancelled and no window is
 * ever opened. A link the page tries to open in a new window (target=_blank, window.open) goes to
 * `openExternal`, which opens it in the system browser only if it passes the external-link
 * allowlist (external-links.ts).
 */
export function guardWebContents(
  contents: GuardableContents,
  appUrl: string,
  openExternal: (url: string) => void = () => {},
): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url)
    return { action: 'deny' }
  })
  // A navigation, a server redirect of one, and a navigation inside any frame: each must stay on
  // the app (a redirect or a subframe would otherwise load a page the navigation check never saw).
  const stayOnApp = (event: NavigationEvent) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault()
  }
  contents.on('will-navigate', stayOnApp)
  contents.on('will-redirect', stayOnApp)
  contents.on('will-frame-navigate', stayOnApp)
  // webviewTag is off already; this also covers a contents created with other preferences.
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
