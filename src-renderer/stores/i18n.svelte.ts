/**
 * The UI language: chosen from the browser's language unless the user picked one (remembered in
 * settings), switchable at run time. `t` reads the current locale, so markup using it re-renders.
 * The app builds one (app/app.svelte.ts) and hands it to components through context.
 */
import { en, type MessageKey, type Messages } from '../i18n/en.js'
import { ko } from '../i18n/ko.js'
import type { Locale, Translatable } from '../i18n/locale.js'

export type { MessageKey } from '../i18n/en.js'
export type MessageParams = Readonly<Record<string, string | number>>

const CATALOGS: Readonly<Record<Locale, Messages>> = { en, ko }

/**
 * Fills `{name}` placeholders from `params`. Values are inserted as text; a placeholder without a
 * value stays as written, so a missing parameter shows up instead of vanishing.
 */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/** Whether `key` names a message: for keys that come from elsewhere (e.g. the call's notices). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

export class I18n {
  #locale = $state<Locale>('en')
  readonly #remember: (locale: Locale) => void

  constructor(initial: Locale, remember: (locale: Locale) => void = () => {}) {
    this.#remember = remember
    this.#apply(initial)
  }

  get locale(): Locale {
    return this.#locale
  }

  /** Switches the UI language and remembers the choice. */
  setLocale(locale: Locale): void {
    this.#apply(locale)
    this.#remember(locale)
  }

  /** The current language's text for `key`, with `{placeholders}` filled from `params`. */
  t(key: MessageKey, params?: MessageParams): string {
    return interpolate(CATALOGS[this.#locale][key], params)
  }

  /** The current language's text for a message built elsewhere (a store or a check). */
  tr(message: Translatable): string {
    return this.t(message.key, message.params)
  }

  #apply(locale: Locale): void {
    this.#locale = locale
    // Screen readers pick their voice from the document language.
    if (typeof document !== 'undefined') document.documentElement.lang = locale
  }
}
