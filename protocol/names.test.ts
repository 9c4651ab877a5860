/**
 * Issue 11, point 5 "Look-alike names": every string the issue lists, and the legitimate neighbours
 * that must stay accepted. Look-alikes of a present member (`nickname_taken`) are the server's to
 * refuse: server/hosts/nickname.test.ts.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { nicknameSchema, roomNameSchema, type NameProblem } from './index.js'

/** The NameProblem (or other first message) a parse fails with, or null when it passes. */
function refusal(schema: z.ZodType, input: string): string | null {
  const result = schema.safeParse(input)
  if (result.success) return null
  const issue = result.error.issues[0]
  const params = issue?.code === 'custom' ? (issue.params as { problem?: string }) : undefined
  return params?.problem ?? issue?.message ?? 'unknown'
}

const NFD = (s: string) => s.normalize('NFD')

describe('nicknames the issue found accepted', () => {
  it.each<[string, string, NameProblem]>([
    ['a zero-width joiner inside a word', 'Al\u200Dice', 'invisible'],
    ['a combining grapheme joiner', 'Al\u034Fice', 'invisible'],
    ['a variation selector after a letter', 'Alice\uFE0F', 'invisible'],
    ['the Hangul filler alone', '\u3164', 'invisible'],
    ['Hangul choseong and jungseong fillers', 'Al\u115Fi\u1160ce', 'invisible'],
    ['the half-width Hangul filler', 'Ann\uFFA0', 'invisible'],
    ['two Braille blanks', '\u2800\u2800', 'invisible'],
    ['a Braille blank inside a name', 'Al\u2800ice', 'invisible'],
    ['31 combining acute accents', 'A' + '\u0301'.repeat(31), 'marks'],
    ['five combining marks on one letter', 'Max' + '\u0301'.repeat(5), 'marks'],
    ['combining marks and nothing else', '\u0301\u0302', 'blank'],
    ['a (you) suffix', 'Bob (you)', 'reserved'],
    ['a [Host] suffix', 'Ann [Host]', 'reserved'],
    ['the Korean (나) suffix', '민준 (나)', 'reserved'],
    ['the Korean (호스트) suffix', '민준 (호스트)', 'reserved'],
    ['a full-width (ｙｏｕ)', 'Bob （ｙｏｕ）', 'reserved'],
    ['an accented (yóu)', 'Bob (yóu)', 'reserved'],
    ['the chat label You as a whole name', 'You', 'reserved'],
    ['the Korean 나 as a whole name', '나', 'reserved'],
  ])('refuses %s', (_what, input, problem) => {
    expect(refusal(nicknameSchema, input)).toBe(problem)
  })

  it('accepts an exact duplicate and a Cyrillic look-alike here: only the room knows who is present', () => {
    expect(refusal(nicknameSchema, 'Alice')).toBeNull()
    expect(refusal(nicknameSchema, '\u0410lice')).toBeNull()
  })
})

describe('nicknames that must stay accepted', () => {
  it.each([
    ['Korean', '김민준'],
    ['Korean', '이서연'],
    ['Korean typed as jamo (NFD)', NFD('김민준')],
    ['an emoji ZWJ sequence and a name', '👩‍💻 Dana'],
    ['a ZWJ family', '👨‍👩‍👧'],
    ['a skin tone inside a ZWJ sequence', '👩🏽‍💻 Lee'],
    ['a flag made with VS16 and ZWJ', '🏳️‍🌈 Sam'],
    ['a heart with VS16', '❤️ Mia'],
    ['a keycap', '1️⃣ Kim'],
    ['accented Latin (NFC)', 'José'],
    ['accented Latin (NFC)', 'Zoë'],
    ['Vietnamese (NFC)', 'Nguyễn Văn An'],
    ['Vietnamese (NFD)', NFD('Nguyễn Văn An')],
    ['accented Latin (NFD)', NFD('Zoë')],
    ['Japanese', '田中さん'],
    ['Chinese', '王小明'],
    ['Arabic', 'محمد'],
    ['Hebrew', 'דנה'],
    ['Devanagari with nukta, vowel sign and anusvara', 'क़ीं'],
    ['a Tibetan stack', 'བསྒྲུབས'],
    ['a hyphen', 'Anne-Marie'],
    ['an apostrophe', "O'Brien"],
    ['a word in brackets that is no badge', 'Ann (she/her)'],
    ['punctuation only', '-_-'],
  ])('accepts %s: %j', (_what, input) => {
    expect(refusal(nicknameSchema, input)).toBeNull()
  })

  it('keeps the NFC form, so NFD and NFC input are one name', () => {
    expect(nicknameSchema.parse(NFD('Nguyễn Văn An'))).toBe('Nguyễn Văn An'.normalize('NFC'))
  })
})

describe('room names', () => {
  it('folds full-width forms, so ｓｔａｎｄｕｐ names the room standup', () => {
    expect(roomNameSchema.parse('ｓｔａｎｄｕｐ')).toBe('standup')
    expect(roomNameSchema.parse('ﾐｰﾃｨﾝｸﾞ')).toBe('ミーティング')
  })

  it.each<[string, string, NameProblem]>([
    ['Latin with a Cyrillic а', 'st\u0430ndup', 'mixedScripts'],
    ['Latin with a Greek ο', 'stand\u03bfp', 'mixedScripts'],
    ['Latin and Cyrillic words', 'Moscow Москва', 'mixedScripts'],
    ['Hangul with Hiragana', '회의の', 'mixedScripts'],
    ['the Hangul filler', '\u3164', 'invisible'],
    ['a combining grapheme joiner', 'stand\u034Fup', 'invisible'],
    ['a variation selector', 'standup\uFE0F', 'invisible'],
    ['a run of combining marks', 'a' + '\u0301'.repeat(31), 'marks'],
  ])('refuses %s', (_what, input, problem) => {
    expect(refusal(roomNameSchema, input)).toBe(problem)
  })

  it.each([
    ['Latin', 'standup'],
    ['Korean', '주간 회의'],
    ['Korean with Latin', 'Team 회의'],
    ['Korean compatibility jamo, kept as typed', 'ㅋㅋ방'],
    ['Japanese with Latin', '東京 meetup'],
    ['Chinese', '周会'],
    ['Cyrillic alone', 'Москва'],
    ['Greek alone', 'Ελλάδα'],
    ['Arabic', 'القاهرة'],
    ['accented Latin (NFD)', NFD('Café Zoë')],
    ['Vietnamese (NFD)', NFD('Phòng họp')],
  ])('accepts %s: %j', (_what, input) => {
    expect(refusal(roomNameSchema, input)).toBeNull()
  })

  it('keeps Hangul compatibility jamo as typed rather than as conjoining jamo', () => {
    expect(roomNameSchema.parse('ㅋㅋ방')).toBe('ㅋㅋ방')
  })
})
