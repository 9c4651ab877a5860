import type { Locale } from '../../contract/index.js'
import type { MessageKey } from './en.js'

export { isLocale, LOCALES, localeFromLanguage, type Locale } from '../../contract/index.js'

/** Each language's name in itself, for the language picker. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ko: '한국어' }

/** A message to show, not yet translated: its key and the values of its placeholders. */
export interface Translatable {
  key: MessageKey
  params?: Readonly<Record<string, string | number>>
}
