import { describe, expect, it } from 'vitest'
import type { MediaProblem } from '../engine/media-types.js'
import type { CallFailureCode } from '../engine/types.js'
import type { Notice } from './call-types.js'
import { en, type MessageKey } from '../i18n/en.js'
import { I18n, interpolate, isMessageKey } from './i18n.svelte.js'
import { ko } from '../i18n/ko.js'
import { localeFromLanguage } from '../i18n/locale.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

// Compile-time: every failure code, media problem and notice has its message.
const _failureKeys: MessageKey[] = [] as `failure.${CallFailureCode}`[]
const _mediaKeys: MessageKey[] = [] as (
  `media.${'camera' | 'microphone'}.${MediaProblem}` | `media.${MediaProblem}`
)[]
const _noticeKeys: MessageKey[] = [] as Notice['key'][]

describe('messages', () => {
  it('has exactly the same keys in English and Korean', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort())
  })

  it('has the same placeholders per key in both languages', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect({ key, names: placeholders(ko[key]) }).toEqual({ key, names: placeholders(en[key]) })
    }
  })

  it('has no empty message', () => {
    for (const catalog of [en, ko]) {
      for (const [key, text] of Object.entries(catalog))
        expect({ key, text }).not.toEqual({ key, text: '' })
    }
  })

  it('has the chat system lines with a name', () => {
    expect(placeholders(en['chat.joined'])).toEqual(['name'])
    expect(placeholders(en['chat.left'])).toEqual(['name'])
    expect(placeholders(en['notice.deviceLost'])).toEqual(['name'])
  })
})

describe('interpolate', () => {
  it('fills placeholders as text and leaves unknown ones visible', () => {
    expect(interpolate('{name} joined', { name: '<b>x</b>' })).toBe('<b>x</b> joined')
    expect(interpolate('{count} of {max}', { count: 3 })).toBe('3 of {max}')
  })

  it('does not read inherited properties as parameters', () => {
    expect(interpolate('{constructor}', {})).toBe('{constructor}')
  })
})

describe('locale', () => {
  it('is Korean for any ko tag and English otherwise', () => {
    expect(localeFromLanguage('ko')).toBe('ko')
    expect(localeFromLanguage('ko-KR')).toBe('ko')
    expect(localeFromLanguage('KO-kr')).toBe('ko')
    expect(localeFromLanguage('en-GB')).toBe('en')
    expect(localeFromLanguage('ja')).toBe('en')
    expect(localeFromLanguage(undefined)).toBe('en')
  })

  it('switches language, remembers the choice and sets the document language', () => {
    const remembered: string[] = []
    const i18n = new I18n('en', (locale) => remembered.push(locale))
    expect(i18n.t('chat.joined', { name: 'Ann' })).toBe('Ann joined')
    i18n.setLocale('ko')
    expect(i18n.t('chat.joined', { name: 'Ann' })).toBe('Ann님이 들어왔습니다')
    expect(remembered).toEqual(['ko'])
    expect(document.documentElement.lang).toBe('ko')
  })

  it('knows its keys', () => {
    expect(isMessageKey('chat.joined')).toBe(true)
    expect(isMessageKey('toString')).toBe(false)
  })
})
