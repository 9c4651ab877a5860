// Electron main entry: the app's lifecycle, wiring only. Every decision lives in a module tested
// without Electron (security, permissions, ipc, app-protocol, screen-picker, capture-sources,
// deep-link, settings, host, call-guard, attention, media-access, window-state).
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  desktopCapturer,
  dialog,
  ipcMain,
  powerSaveBlocker,
  protocol,
  session,
} from 'electron'
import { EVENTS, type DeepLink } from '../contract/index.js'
import {
  APP_HOST,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from './app-protocol.js'
import { resolveAppUrl } from './app-url.js'
import { capturePlatform } from './capture-sources.js'
import { CallGuard } from './call-guard.js'
import { DeepLinkQueue, findDeepLinkInArgv, parseDeepLink } from './deep-link.js'
import { createDesktopServices, openExternalIfSafe } from './desktop-services.js'
import { HostController } from './host.js'
import { createHandle } from './ipc.js'
import { registerIpcHandlers } from './ipc-handlers.js'
import { mainStrings } from './main-strings.js'
import { createMainWindow } from './main-window.js'
import { isAppOrigin } from './permissions.js'
import { ScreenPicker } from './screen-picker.js'
import { guardWebContents } from './security.js'
import { ServerAdmission } from './server-admission.js'
import { askAboutServer } from './server-dialog.js'
import { installSessionHandlers } from './session-handlers.js'
import { SettingsService } from './settings.js'

const rendererDir = join(import.meta.dirname, '../renderer')
const appUrl = resolveAppUrl({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
})
const cspFromMain = appUrl.startsWith(`${APP_SCHEME}:`)
// Node gives app:// the opaque origin "null", so the app's origin is spelled out.
const appOrigin = cspFromMain ? `${APP_SCHEME}://${APP_HOST}` : new URL(appUrl).origin
// The preload is CommonJS because sandboxed preloads cannot be ES modules (see electron.vite.config.ts).
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const iconPath = app.isPackaged ? undefined : join(import.meta.dirname, '../../resources/icon.png')

let mainWindow: BrowserWindow | null = null
let quitting = false
const deepLinks = new DeepLinkQueue((link) => mainWindow?.webContents.send(EVENTS.deepLink, link))
const guard = new CallGuard(powerSaveBlocker)

/** Takes a valid link once main can ask about its server; null until start() sets it. */
let admitLink: ((link: DeepLink) => void) | null = null
/** Links that came before that (a cold start by a link), newest last. */
const earlyLinks: DeepLink[] = []

/** Hands on a raw noom:// link if it is valid; anything else is dropped (it is hostile input). */
function openLink(raw: string | null): void {
  const link = raw === null ? null : parseDeepLink(raw)
  if (!link) return
  if (admitLink) admitLink(link)
  else if (earlyLinks.push(link) > 16) earlyLinks.shift()
}

/**
 * A link naming another server waits for the user's answer in main's dialog; a cancelled one is
 * dropped. During a call only its room is handed on, with no question. A server new to the page's policy needs a reload (the policy is fixed when the page
 * loads), so the link is held for the reloaded page.
 */
async function deliverLink(admission: ServerAdmission, link: DeepLink): Promise<void> {
  // During a call a link only names the room offered next; nothing may reload the page then.
  if (guard.inCall) {
    deepLinks.push({ room: link.room })
    return
  }
  const admitted = await admission.link(link).catch((error: unknown) => {
    console.error('could not ask about a link’s server', error)
    return null
  })
  if (!admitted) return
  const win = mainWindow
  if (admitted.widened && cspFromMain && win) {
    deepLinks.pause()
    deepLinks.push(admitted.link)
    win.webContents.reload()
  } else {
    deepLinks.push(admitted.link)
  }
}

/** Main's words in the user's language (the setting, else the system's). */
const stringsOf = (settings: SettingsService) => () =>
  mainStrings(settings.user.locale ?? app.getLocale())

/** Admission asks in a native dialog on the main window, saving a server the user keeps. */
function createAdmission(settings: SettingsService, host: HostController): ServerAdmission {
  return new ServerAdmission({
    savedServer: () => settings.user.serverUrl,
    currentServer: () => settings.user.serverUrl || (host.status().localUrl ?? ''),
    // A failed write is logged by the settings service; the choice still holds for this run.
    saveServer: (origin) =>
      settings.setUser({ ...settings.user, serverUrl: origin }).catch(() => {}),
    ask: askAboutServer(
      (parent: BrowserWindow | null, options) =>
        parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options),
      () => mainWindow,
      stringsOf(settings),
    ),
  })
}

function focusWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

// Must run before 'ready': app:// pages get a real origin and a secure context.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

/** Lists sources through desktopCapturer and shows the in-app picker in the main window. */
function createPicker(): ScreenPicker {
  return new ScreenPicker({
    getSources: (query) => desktopCapturer.getSources(query),
    send: (request) => mainWindow?.webContents.send(EVENTS.screenPick, request),
    platform: capturePlatform(process.platform, process.env),
    isAllowedOrigin: (origin) => isAppOrigin(origin, appOrigin),
    logger: console,
  })
}

/** Serves the built page on app://, with a CSP naming the saved server and those admitted since. */
function serveApp(admission: ServerAdmission): void {
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ root: rendererDir, servers: () => admission.servers() }),
  )
}

/**
 * The built-in server is the default: a new user can try a call at once. Its usual port may be
 * taken (another app, a second Noom); then any free port will do.
 */
async function startBuiltInServer(settings: SettingsService, host: HostController): Promise<void> {
  if (settings.user.serverUrl !== '') return
  const status = await host.start(settings.host)
  if (status.state === 'failed' && settings.host.port !== 0) {
    await host.start({ ...settings.host, port: 0 })
  }
}

/** The page went away (reload, crash, close): it cannot answer a picker or take links now. */
function pageGone(picker: ScreenPicker, { callEnded }: { callEnded: boolean }): void {
  picker.cancelAll()
  deepLinks.pause()
  if (callEnded) guard.setInCall(false)
}

function openMainWindow(settings: SettingsService, picker: ScreenPicker): void {
  const win = createMainWindow({
    appUrl,
    preloadPath,
    iconPath,
    savedBounds: settings.window,
    saveBounds: (bounds) => settings.setWindow(bounds),
    guard,
    strings: stringsOf(settings),
    afterConfirmedClose: () => {
      if (quitting) app.quit()
    },
  })
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) pageGone(picker, { callEnded: false })
  })
  win.webContents.on('render-process-gone', () => pageGone(picker, { callEnded: true }))
  win.on('closed', () => {
    pageGone(picker, { callEnded: true })
    mainWindow = null
  })
  mainWindow = win
}

/** Reopens a window on macOS's dock click; on quit, tells the built-in server's members first. */
function handleLifecycle(
  settings: SettingsService,
  host: HostController,
  reopen: () => void,
): void {
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) reopen()
  })
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('will-quit', (event) => {
    if (host.status().state === 'stopped') return
    event.preventDefault()
    void settings
      .flush()
      .then(() => host.stop())
      .finally(() => app.exit(0))
  })
}

async function start(): Promise<void> {
  const settings = await SettingsService.open(app.getPath('userData'), {
    onError: (error) => console.error('could not save settings', error),
    systemLocale: () => app.getLocale(),
  })
  const host = new HostController({
    staticDir: rendererDir,
    onStatus: (status) => mainWindow?.webContents.send(EVENTS.hostStatus, status),
  })
  const picker = createPicker()
  const admission = createAdmission(settings, host)

  if (cspFromMain) serveApp(admission)
  installSessionHandlers(session.defaultSession, appOrigin, picker)
  registerIpcHandlers(
    createHandle(ipcMain, appUrl),
    createDesktopServices({
      window: () => mainWindow,
      settings,
      host,
      picker,
      guard,
      deepLinks,
      cspFromMain,
      admission,
      strings: stringsOf(settings),
    }),
  )
  await startBuiltInServer(settings, host)

  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, appUrl, (url) => void openExternalIfSafe(url, settings)),
  )
  const openWindow = (): void => openMainWindow(settings, picker)
  openWindow()
  handleLifecycle(settings, host, openWindow)
  // Links from now on, and those that came early, are asked about over the window.
  admitLink = (link) => void deliverLink(admission, link)
  for (const link of earlyLinks.splice(0)) admitLink(link)
}

if (!app.requestSingleInstanceLock()) {
  // A second launch (e.g. a noom:// link clicked while Noom runs) hands over to the running one.
  app.quit()
} else {
  // In development the link must start Electron with our entry script, not bare Electron.
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient('noom', process.execPath, [join(process.cwd(), process.argv[1])])
  } else {
    app.setAsDefaultProtocolClient('noom')
  }
  openLink(findDeepLinkInArgv(process.argv))
  app.on('second-instance', (_event, argv) => {
    openLink(findDeepLinkInArgv(argv))
    focusWindow()
  })
  // macOS delivers links as open-url, possibly before 'ready' (a cold start by a link).
  app.on('open-url', (event, url) => {
    event.preventDefault()
    openLink(url)
    focusWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  void app.whenReady().then(start)
}
