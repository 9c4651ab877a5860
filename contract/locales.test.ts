import { describe, expect, it } from 'vitest'
import { DEFAULT_LOCALE, isLocale, LOCALES, localeFromLanguage } from './locales.js'

describe('locales', () => {
  it('are English and Korean, English first and by default', () => {
    expect(LOCALES).toEqual(['en', 'ko'])
    expect(DEFAULT_LOCALE).toBe('en')
  })

  it.each([
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['KO-kr', 'ko'],
    ['ko_KR', 'ko'],
    ['ko-Kore-KR', 'ko'],
    ['en-GB', 'en'],
    ['kok', 'en'],
    ['fr-FR', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%j → %s', (tag, locale) => {
    expect(localeFromLanguage(tag)).toBe(locale)
  })

  it('knows only the languages Noom speaks', () => {
    expect(LOCALES.every(isLocale)).toBe(true)
    for (const value of ['fr', 'ko-KR', 'EN', '', null, 1]) expect(isLocale(value)).toBe(false)
  })
})
