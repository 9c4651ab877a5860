import { APP_INDEX_URL } from './app-protocol.js'

export interface AppUrlOptions {
  /** `app.isPackaged`: a packaged app never trusts the environment to pick its page. */
  isPackaged: boolean
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl: string | undefined
}

/**
 * The URL the window loads, which is also the origin IPC, navigation and permissions trust: the
 * dev server under `electron-vite dev`, else the built renderer on app://noom (app-protocol.ts).
 */
export function resolveAppUrl({ isPackaged, devServerUrl }: AppUrlOptions): string {
  if (!isPackaged && devServerUrl) return new URL(devServerUrl).href
  return APP_INDEX_URL
}
