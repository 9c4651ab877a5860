// Electron main entry: the app's lifecycle, wiring only. Every decision lives in a module tested
// without Electron (security, permissions, ipc, app-protocol, screen-picker, deep-link, settings,
// host, call-guard, attention, media-access, window-state).
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  desktopCapturer,
  ipcMain,
  powerSaveBlocker,
  protocol,
  session,
} from 'electron'
import { EVENTS } from '../src-preload/channels.js'
import {
  APP_HOST,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from './app-protocol.js'
import { resolveAppUrl } from './app-url.js'
import { CallGuard } from './call-guard.js'
import { DeepLinkQueue, findDeepLinkInArgv, parseDeepLink } from './deep-link.js'
import { createDesktopServices, openExternalIfSafe } from './desktop-services.js'
import { HostController } from './host.js'
import { createHandle } from './ipc.js'
import { registerIpcHandlers } from './ipc-handlers.js'
import { mainStrings } from './main-strings.js'
import { createMainWindow } from './main-window.js'
import {
  decideDevicePermission,
  decidePermission,
  decidePermissionCheck,
  isAppOrigin,
} from './permissions.js'
import { capturePlatform, displayMediaHandlerOptions, ScreenPicker } from './screen-picker.js'
import { guardWebContents } from './security.js'
import { SettingsService } from './settings.js'

const rendererDir = join(import.meta.dirname, '../renderer')
const appUrl = resolveAppUrl({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
})
const cspFromMain = appUrl.startsWith(`${APP_SCHEME}:`)
// The preload is CommonJS because sandboxed preloads cannot be ES modules (see electron.vite.config.ts).
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const iconPath = app.isPackaged ? undefined : join(import.meta.dirname, '../../resources/icon.png')

let mainWindow: BrowserWindow | null = null
let quitting = false
const deepLinks = new DeepLinkQueue((link) => mainWindow?.webContents.send(EVENTS.deepLink, link))
const guard = new CallGuard(powerSaveBlocker)

/** Queues a raw noom:// link if it is valid; anything else is dropped (it is hostile input). */
function openLink(raw: string | null): void {
  const link = raw === null ? null : parseDeepLink(raw)
  if (link) deepLinks.push(link)
}

function focusWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

// Must run before 'ready': app:// pages get a real origin and a secure context.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

async function start(): Promise<void> {
  const settings = await SettingsService.open(app.getPath('userData'), {
    onError: (error) => console.error('could not save settings', error),
  })
  const host = new HostController({
    staticDir: rendererDir,
    onStatus: (status) => mainWindow?.webContents.send(EVENTS.hostStatus, status),
  })
  const extraServers = new Set<string>()
  // Node gives app:// the opaque origin "null", so the app's origin is spelled out.
  const appOrigin = cspFromMain ? `${APP_SCHEME}://${APP_HOST}` : new URL(appUrl).origin
  const picker = new ScreenPicker({
    getSources: (query) => desktopCapturer.getSources(query),
    send: (request) => mainWindow?.webContents.send(EVENTS.screenPick, request),
    platform: capturePlatform(process.platform, process.env),
    isAllowedOrigin: (origin) => isAppOrigin(origin, appOrigin),
    logger: console,
  })

  if (cspFromMain) {
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        root: rendererDir,
        servers: () => [settings.user.serverUrl, ...extraServers],
      }),
    )
  }
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      decidePermission(
        {
          permission,
          requestingUrl: details.requestingUrl,
          isMainFrame: details.isMainFrame,
          ...('mediaTypes' in details && details.mediaTypes
            ? { mediaTypes: details.mediaTypes }
            : {}),
        },
        appOrigin,
      ),
    )
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermissionCheck(
      {
        permission,
        requestingOrigin,
        isMainFrame: details.isMainFrame,
        ...(details.mediaType ? { mediaType: details.mediaType } : {}),
        ...(details.embeddingOrigin ? { embeddingOrigin: details.embeddingOrigin } : {}),
      },
      appOrigin,
    ),
  )
  ses.setDevicePermissionHandler(() => decideDevicePermission())
  ses.setDisplayMediaRequestHandler(
    (request, callback) =>
      picker.handleRequest(
        { securityOrigin: request.securityOrigin, audioRequested: request.audioRequested },
        callback,
      ),
    displayMediaHandlerOptions(process.platform, process.getSystemVersion()),
  )

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
      extraServers,
    }),
  )

  // The built-in server is the default: a new user can try a call at once. Its usual port may be
  // taken (another app, a second Noom); then any free port will do.
  if (settings.user.serverUrl === '') {
    const status = await host.start(settings.host)
    if (status.state === 'failed' && settings.host.port !== 0) {
      await host.start({ ...settings.host, port: 0 })
    }
  }

  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, appUrl, (url) => void openExternalIfSafe(url, settings)),
  )
  const openWindow = (): void => {
    const win = createMainWindow({
      appUrl,
      preloadPath,
      iconPath,
      savedBounds: settings.window,
      saveBounds: (bounds) => settings.setWindow(bounds),
      guard,
      strings: () => mainStrings(settings.user.locale ?? app.getLocale()),
      afterConfirmedClose: () => {
        if (quitting) app.quit()
      },
    })
    // A page that goes away (reload, crash, close) cannot answer an open picker: deny it.
    win.webContents.on('did-start-navigation', (details) => {
      if (!details.isMainFrame || details.isSameDocument) return
      picker.cancelAll()
      deepLinks.pause()
    })
    win.webContents.on('render-process-gone', () => {
      picker.cancelAll()
      deepLinks.pause()
      guard.setInCall(false)
    })
    win.on('closed', () => {
      picker.cancelAll()
      deepLinks.pause()
      guard.setInCall(false)
      mainWindow = null
    })
    mainWindow = win
  }
  openWindow()

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('will-quit', (event) => {
    if (host.status().state === 'stopped') return
    // Tell members of the built-in server it is closing, then quit for real.
    event.preventDefault()
    void settings
      .flush()
      .then(() => host.stop())
      .finally(() => app.exit(0))
  })
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
