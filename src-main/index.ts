// Electron main entry: wiring only. Decisions live in security.ts, ipc.ts and app-url.ts, which are
// tested without Electron.
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain } from 'electron'
import { z } from 'zod'
import type { AppInfo } from '../src-preload/bridge.js'
import { CHANNELS } from '../src-preload/channels.js'
import { resolveAppUrl } from './app-url.js'
import { createHandle } from './ipc.js'
import { createWebPreferences, guardWebContents } from './security.js'

const appUrl = resolveAppUrl({
  isPackaged: app.isPackaged,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  rendererIndex: join(import.meta.dirname, '../renderer/index.html'),
})
// The preload is CommonJS because sandboxed preloads cannot be ES modules (see electron.vite.config.ts).
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')

let mainWindow: BrowserWindow | null = null

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 480,
    minHeight: 360,
    title: 'Noom',
    show: false,
    webPreferences: createWebPreferences(preloadPath),
  })
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    mainWindow = null
  })
  void win.loadURL(appUrl)
  return win
}

function registerIpc(): void {
  const handle = createHandle(ipcMain, appUrl)
  handle(CHANNELS.getInfo, z.tuple([]), (): AppInfo => ({
    version: app.getVersion(),
    platform: process.platform,
  }))
}

// A second launch (e.g. from a noom:// link later) hands over to the running instance.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // Every web contents, including any we did not create ourselves, stays on the app.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appUrl))
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow()
  })
  void app.whenReady().then(() => {
    registerIpc()
    mainWindow = createMainWindow()
  })
}
