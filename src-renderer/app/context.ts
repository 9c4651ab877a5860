/**
 * How components reach what the app built for them without a chain of props: the language and
 * the system-access store, set once by App.svelte. A component rendered outside the app (a unit
 * test) speaks English and knows nothing of the system's permissions.
 */
import { getContext, setContext } from 'svelte'
import { I18n, type MessageKey, type MessageParams } from '../stores/i18n.svelte.js'
import type { SystemAccess } from '../stores/system-access.svelte.js'
import type { Translatable } from '../i18n/locale.js'

/** What App.svelte shares with every component below it. */
export interface AppContext {
  i18n: I18n
  access: SystemAccess
}

const KEY = Symbol('noom.app')

/** Called once, by App.svelte. */
export function provideAppContext(context: AppContext): void {
  setContext(KEY, context)
}

/** The context provideAppContext sets, for rendering one component in a test (`context` option). */
export function appContextMap(context: AppContext): Map<symbol, AppContext> {
  return new Map([[KEY, context]])
}

function appContext(): AppContext | undefined {
  return getContext<AppContext | undefined>(KEY)
}

export interface Translator {
  readonly i18n: I18n
  t(key: MessageKey, params?: MessageParams): string
  tr(message: Translatable): string
}

/**
 * The app's language, for a component's markup (call during the component's set-up). `t` and `tr`
 * read the current locale, so markup using them re-renders when it changes.
 */
export function useI18n(): Translator {
  const i18n = appContext()?.i18n ?? new I18n('en')
  return {
    i18n,
    t: (key, params) => i18n.t(key, params),
    tr: (message) => i18n.tr(message),
  }
}

/** What components use of the system-access store. */
export type AccessView = Pick<SystemAccess, 'blocked' | 'check' | 'openSettings'>

/** Outside the app nothing is known of the system's permissions, as in a browser. */
const UNKNOWN_ACCESS: AccessView = {
  blocked: () => false,
  check: () => Promise.resolve(),
  openSettings: () => {},
}

/** The system-access store (the OS's camera, microphone and screen permissions). */
export function useSystemAccess(): AccessView {
  return appContext()?.access ?? UNKNOWN_ACCESS
}
