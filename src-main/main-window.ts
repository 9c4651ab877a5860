// The main window: secure preferences, the remembered bounds, and a close that asks first during
// a call. Thin Electron glue; the decisions are in security.ts, window-state.ts and call-guard.ts.
import { BrowserWindow, dialog, screen } from 'electron'
import type { CallGuard, CloseAnswer } from './call-guard.js'
import type { MainStrings } from './main-strings.js'
import { createWebPreferences } from './security.js'
import { restoreBounds, trackWindowBounds, WINDOW_MIN, type WindowBounds } from './window-state.js'

export interface MainWindowOptions {
  appUrl: string
  preloadPath: string
  iconPath: string | undefined
  savedBounds: WindowBounds | null
  saveBounds: (bounds: WindowBounds) => void
  guard: CallGuard
  strings: () => MainStrings
  /** After the user chose to leave the call and the window closed (e.g. to finish a quit). */
  afterConfirmedClose: () => void
}

async function askToLeave(win: BrowserWindow, strings: MainStrings): Promise<CloseAnswer> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'question',
    title: strings.closeTitle,
    message: strings.closeTitle,
    detail: strings.closeMessage,
    buttons: [strings.closeLeave, strings.closeStay],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  })
  return response === 0 ? 'leave' : 'stay'
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const { bounds, maximized } = restoreBounds(options.savedBounds, workAreas)
  const win = new BrowserWindow({
    ...bounds,
    minWidth: WINDOW_MIN.width,
    minHeight: WINDOW_MIN.height,
    title: 'Noom',
    show: false,
    backgroundColor: '#101418',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: createWebPreferences(options.preloadPath),
  })
  win.once('ready-to-show', () => {
    if (maximized) win.maximize()
    win.show()
  })
  trackWindowBounds(win, options.saveBounds)
  win.on('close', (event) => {
    const held = options.guard.interceptClose(
      () => askToLeave(win, options.strings()),
      () => {
        win.close()
        options.afterConfirmedClose()
      },
    )
    if (held) event.preventDefault()
  })
  void win.loadURL(options.appUrl)
  return win
}
