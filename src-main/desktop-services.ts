// MainServices over the real Electron APIs: what each bridge request does in the desktop app.
// Each line delegates to a module tested without Electron; this file only adapts.
import { app, Notification, shell, systemPreferences, type BrowserWindow } from 'electron'
import type { HostStatus } from '../contract/index.js'
import { Attention } from './attention.js'
import type { CallGuard } from './call-guard.js'
import type { DeepLinkQueue } from './deep-link.js'
import { isSafeExternalUrl } from './external-links.js'
import type { HostController } from './host.js'
import type { MainServices } from './ipc-handlers.js'
import { getMediaAccess, mediaAccessSettingsUrl, requestMediaAccess } from './media-access.js'
import type { MainStrings } from './main-strings.js'
import type { ScreenPicker } from './screen-picker.js'
import type { ServerAdmission } from './server-admission.js'
import type { SettingsService } from './settings.js'

/** Hosts whose https pages the app may open in the browser: Noom's own pages. */
export const EXTERNAL_ALLOWLIST = ['github.com']

export interface DesktopServiceDeps {
  window: () => BrowserWindow | null
  settings: SettingsService
  host: HostController
  picker: ScreenPicker
  guard: CallGuard
  deepLinks: DeepLinkQueue
  /** Whether the page is served by main with a CSP (app://), so new servers need a reload. */
  cspFromMain: boolean
  /** Which servers the page may reach and the settings may name (main's dialog decides). */
  admission: ServerAdmission
  /** Main's words in the user's language. */
  strings: () => MainStrings
}

/**
 * Opens `url` in the system browser when it passes the allowlist; the user's own https server
 * counts. Main's own use: links the page meant for a new window (the window.open handler).
 */
export function openExternalIfSafe(url: string, settings: SettingsService): boolean {
  const own = URL.parse(settings.user.serverUrl)
  const allowlist =
    own?.protocol === 'https:' ? [...EXTERNAL_ALLOWLIST, own.host] : EXTERNAL_ALLOWLIST
  if (!isSafeExternalUrl(url, allowlist)) return false
  void shell.openExternal(url)
  return true
}

export function createDesktopServices(deps: DesktopServiceDeps): MainServices {
  const { settings, host, picker, guard, deepLinks } = deps
  const attention = new Attention({
    platform: process.platform,
    notificationsSupported: () => Notification.isSupported(),
    show: (notification, onClick) => {
      const shown = new Notification({ ...notification, silent: false })
      shown.on('click', onClick)
      shown.show()
    },
    isWindowFocused: () => deps.window()?.isFocused() ?? false,
    focusWindow: () => {
      const win = deps.window()
      if (!win) return
      if (win.isMinimized()) win.restore()
      win.show()
      win.focus()
    },
    setBadgeCount: (count) => void app.setBadgeCount(count),
    flashFrame: (flag) => deps.window()?.flashFrame(flag),
  })

  return {
    getInfo: () => ({ version: app.getVersion(), platform: process.platform }),
    getSettings: () => settings.user,
    // Settles once the settings are on disk; a failed write rejects with the sentence to show.
    // A server the user never let in is refused: the page alone cannot widen the CSP this way.
    setSettings: async (user) => {
      if (!deps.admission.maySave(user.serverUrl)) throw new Error(deps.strings().serverNotAdmitted)
      await settings.setUser(user)
    },
    allowServer: async (origin) => {
      const { admitted, widened } = await deps.admission.allow(origin)
      return { admitted, reload: deps.cspFromMain && widened }
    },
    answerScreenPick: (requestId, choice) => void picker.answer(requestId, choice),
    getMediaAccess: (kind) => getMediaAccess(kind, process.platform, systemPreferences),
    requestMediaAccess: (kind) => requestMediaAccess(kind, process.platform, systemPreferences),
    openMediaAccessSettings: async (kind) => {
      const url = mediaAccessSettingsUrl(kind, process.platform)
      if (url) await shell.openExternal(url)
    },
    notify: (notification) => void attention.notify(notification),
    setBadgeCount: (count) => attention.setBadgeCount(count),
    setCallState: ({ inCall }) => guard.setInCall(inCall),
    deepLinkReady: () => deepLinks.ready(),
    startHost: async (options): Promise<HostStatus> => {
      const status = await host.start(options)
      settings.setHost(options)
      return status
    },
    stopHost: () => host.stop(),
    getHostStatus: () => host.status(),
  }
}
