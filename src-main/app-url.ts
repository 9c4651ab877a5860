import { pathToFileURL } from 'node:url'

export interface AppUrlOptions {
  /** `app.isPackaged`: a packaged app never trusts the environment to pick its page. */
  isPackaged: boolean
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl: string | undefined
  /** Absolute path of the built renderer's index.html. */
  rendererIndex: string
}

/**
 * The URL the window loads, which is also the origin IPC and navigation trust.
 * A later issue replaces the file:// URL with a custom app:// protocol, which gives the app a real
 * origin (file:// pages share the opaque "null" origin).
 */
export function resolveAppUrl({ isPackaged, devServerUrl, rendererIndex }: AppUrlOptions): string {
  if (!isPackaged && devServerUrl) return new URL(devServerUrl).href
  return pathToFileURL(rendererIndex).href
}
