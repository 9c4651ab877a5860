import type { MessageKey } from './en.js'

/** The languages the UI speaks. */
export const LOCALES = ['en', 'ko'] as const
export type Locale = (typeof LOCALES)[number]

/** Each language's name in itself, for the language picker. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', ko: '한국어' }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Korean for any `ko` tag (ko, ko-KR, ko-Kore-KR), English for everything else. */
export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('ko') ? 'ko' : 'en'
}

/** A message to show, not yet translated: its key and the values of its placeholders. */
export interface Translatable {
  key: MessageKey
  params?: Readonly<Record<string, string | number>>
}
