/**
 * The renderer's only way to the desktop. Pure types: the renderer imports this file too, so it must
 * not import `electron`. The preload implements it over IPC; src-renderer/lib/bridge.ts has the web
 * implementation used in a plain browser.
 */
export interface NoomBridge {
  /** The app's version and the platform it runs on (`process.platform`, or `'web'` in a browser). */
  getInfo(): Promise<AppInfo>
}

export interface AppInfo {
  version: string
  platform: string
}
