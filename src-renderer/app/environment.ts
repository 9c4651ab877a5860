/**
 * What the app takes from the page it runs in, gathered in one place so the controller can be
 * driven in tests without a DOM: storage, language, the join link, focus, page hide and reload.
 */
import type { NoomBridge } from '../../contract/index.js'
import type { FocusSource } from '../stores/attention.js'
import type { RoomsSocketFactory } from '../stores/rooms.svelte.js'
import { pageServerUrl, type SettingsStorage } from '../stores/settings.svelte.js'
import { isDesktop, resolveBridge } from './bridge.js'
import type { CallPartsFactory } from './call-parts.js'

export interface AppEnvironment {
  bridge: NoomBridge
  /** Inside the desktop app (the preload exposed `window.noom`). */
  desktop: boolean
  /** localStorage, or null where the page has none (the desktop app keeps a file in main). */
  storage: SettingsStorage | null
  /** The server that served this page, when it is a web server; '' otherwise. */
  pageServer: string
  /** The browser's language tag, for the first choice of UI language. */
  language: string | undefined
  /** The page's query string: a join link (`/?room=NAME`) names the room. */
  search: string
  focus: FocusSource
  /** Hears the page being closed or reloaded; returns the unsubscribe. */
  onPageHide(listener: () => void): () => void
  /** Reloads the page (so a new Content-Security-Policy applies). */
  reload(): void
  /** Test seams: what an attempt at a call is built from, and the lobby's room-list socket. */
  createCallParts?: CallPartsFactory
  connectRooms?: RoomsSocketFactory
}

/** localStorage, or null where reading it throws (storage disabled, opaque origins). */
function browserStorage(): SettingsStorage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

export function documentFocus(doc: Document, win: Window): FocusSource {
  return {
    hasFocus: () => doc.hasFocus(),
    onFocus: (listener) => {
      win.addEventListener('focus', listener)
      return () => win.removeEventListener('focus', listener)
    },
  }
}

/** The environment of the page this code runs in. */
export function pageEnvironment(win: Window & { noom?: NoomBridge }): AppEnvironment {
  return {
    bridge: resolveBridge(win),
    desktop: isDesktop(win),
    storage: browserStorage(),
    pageServer: pageServerUrl(win.location),
    language: win.navigator.language,
    search: win.location.search,
    focus: documentFocus(win.document, win),
    onPageHide: (listener) => {
      win.addEventListener('pagehide', listener)
      return () => win.removeEventListener('pagehide', listener)
    },
    reload: () => win.location.reload(),
  }
}
