/**
 * The languages Noom speaks. The renderer translates its UI into each; main picks the words of its
 * own dialogs by the same rule. A new language is added here first.
 */
import { z } from 'zod'

export const LOCALES = ['en', 'ko'] as const
export type Locale = (typeof LOCALES)[number]

/** The language used when neither the user nor the system names one Noom speaks. */
export const DEFAULT_LOCALE: Locale = 'en'

export const localeSchema = z.enum(LOCALES)

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * The supported language for a BCP 47 tag (the system's, e.g. `app.getLocale()` or
 * `navigator.language`): its primary subtag when Noom speaks it (`ko-KR` → `ko`), else
 * DEFAULT_LOCALE.
 */
export function localeFromLanguage(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0]
  return isLocale(primary) ? primary : DEFAULT_LOCALE
}
