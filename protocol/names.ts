/**
 * What makes a nickname or a room name look like another, or like part of the UI, and the checks
 * schemas.ts runs against it (issue 11, point 5). Each check takes text already normalised (NFC for
 * nicknames, NFKC for room names) and trimmed. The rules are written down in docs/protocol.md.
 */
import { z } from 'zod'
import { LIMITS } from './limits.js'
import { mixesScripts } from './scripts.js'

/** Why a name was refused: `params.problem` of its zod issue, so a form can say it in its language. */
export type NameProblem = 'invisible' | 'blank' | 'marks' | 'reserved' | 'mixedScripts'

/** Most combining marks in a row: a Tibetan stack or Devanagari nukta, vowel sign and anusvara fit. */
export const MARKS_IN_A_ROW_MAX = 4

/**
 * The joiners and presentation selectors emoji are built with, where they build one: U+200D between
 * two pictographs (a skin tone or U+FE0F may sit before it: 👩🏽‍💻, 🏳️‍🌈), U+FE0E/U+FE0F right after a
 * pictograph (❤️), U+FE0F in a keycap (1️⃣). Anywhere else they are invisible filler.
 */
const EMOJI_FORMAT =
  /(?<=\p{Extended_Pictographic}[\p{Emoji_Modifier}\uFE0F]?)\u200D(?=\p{Extended_Pictographic})|(?<=\p{Extended_Pictographic})[\uFE0E\uFE0F]|(?<=[#*0-9])\uFE0F(?=\u20E3)/gu

/**
 * Default-ignorable code points (zero-width characters, U+034F, variation selectors, Hangul fillers
 * U+115F, U+1160, U+3164, U+FFA0, tags…) draw nothing; U+2800 BRAILLE PATTERN BLANK is not one of
 * them but draws nothing too.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/u

/** Something a person can see and read: a letter, digit, punctuation or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u

const MARK_RUN = new RegExp(`\\p{M}{${MARKS_IN_A_ROW_MAX + 1}}`, 'u')

/** True when the text has no invisible character, outside emoji for a nickname. */
export function noInvisible(text: string, { emoji }: { emoji: boolean }): boolean {
  return !INVISIBLE.test(emoji ? text.replace(EMOJI_FORMAT, '') : text)
}

/** True when the text has something to see once invisible characters are set aside. */
export function hasVisible(text: string): boolean {
  return VISIBLE.test(text.replace(new RegExp(INVISIBLE.source, 'gu'), ''))
}

/** True when no more than MARKS_IN_A_ROW_MAX combining marks follow one another. */
export function fewMarksInARow(text: string): boolean {
  return !MARK_RUN.test(text)
}

/**
 * The words the UI puts beside a name, in every locale the app ships: en `(you)`, `You`, `Host`;
 * ko `(나)`, `나`, `호스트` (call.you, chat.you and role.host in src-renderer/i18n). protocol/ cannot
 * read the catalogs, so they are listed here: a new locale adds its words.
 */
const BADGE_WORDS = ['you', 'host', '나', '호스트']

/** Brackets a suffix could be written in (full-width ones fold to these under NFKC). */
const BRACKETED = /[([{<«‹〈《「『【〔〖]([^)\]}>»›〉》」』】〕〗]*)[)\]}>»›〉》」』】〕〗]/gu

/** A word as a reader would take it: compatibility forms folded, accents, spaces and case ignored. */
function asRead(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\p{M}\s]/gu, '')
    .replace(new RegExp(INVISIBLE.source, 'gu'), '')
    .toLowerCase()
}

const BADGES = new Set(BADGE_WORDS.map(asRead))

/**
 * True when the name is one of the UI's badge words or has one in brackets anywhere (`Bob (you)`,
 * `Ann [Host]`, `민준 (나)`, `Bob （ｙｏｕ）`, `Bob (yóu)`), so it cannot pose as what the app adds.
 */
export function posesAsBadge(name: string): boolean {
  if (BADGES.has(asRead(name))) return true
  const folded = name.normalize('NFKC')
  for (const match of folded.matchAll(BRACKETED)) {
    if (BADGES.has(asRead(match[1] ?? ''))) return true
  }
  return false
}

/**
 * Control, private-use, unassigned and invisible format characters (bidi overrides, zero-width
 * spaces) have no place in a name, nor spaces other than the plain one, which could make two names
 * look alike. The zero-width joiner stays: emoji such as 👩‍💻 are made with it.
 */
const UNPRINTABLE = /[\p{Cc}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?!\u200d)\p{Cf}|(?! )\p{Zs}/u

/** A refinement's message, with the NameProblem a form translates (see lib/validate.ts). */
function problem(kind: NameProblem, message: string) {
  return { message, params: { problem: kind } }
}

const MARKS_MESSAGE = `must not stack more than ${MARKS_IN_A_ROW_MAX} accents or marks on a letter`

/**
 * A nickname: no invisible characters but the joiners emoji are built with, something to see, no
 * pile of combining marks, and nothing the UI writes beside a name (`(you)`, `Host`). One that looks
 * like a present member's is the server's to refuse (`nickname_taken`, by UTS #39 skeleton).
 */
function displayName(max: number) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !UNPRINTABLE.test(s), 'must not contain control characters')
    .refine(
      (s) => noInvisible(s, { emoji: true }),
      problem('invisible', 'must not contain invisible characters'),
    )
    .refine(hasVisible, problem('blank', 'must contain a letter, digit or symbol'))
    .refine(fewMarksInARow, problem('marks', MARKS_MESSAGE))
    .refine(
      (s) => !posesAsBadge(s),
      problem('reserved', 'must not be or include (you) or (host): the app adds those'),
    )
}

export const nicknameSchema = displayName(LIMITS.nicknameMax)

/**
 * NFKC, except that Hangul compatibility jamo (ㅋㅋ, as Korean keyboards type them) keep their form:
 * NFKC would turn them into conjoining jamo, which draw as broken syllables.
 */
export function foldCompatibility(text: string): string {
  return text.replace(/[^\u3131-\u318e]+/gu, (run) => run.normalize('NFKC'))
}

/**
 * Room names travel in links (`/?room=`, `noom://join/`), so they are letters, digits and `-_. `.
 * NFKC folds compatibility forms (`ｓｔａｎｄｕｐ` is `standup`), and a name mixing scripts
 * (`stаndup` with a Cyrillic а) is refused rather than made a look-alike second room.
 */
export const roomNameSchema = z
  .string()
  .overwrite(foldCompatibility)
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.roomNameMax, `must be at most ${LIMITS.roomNameMax} characters`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}\p{M} _.-]*$/u, 'may use letters, digits, spaces and - _ .')
  .refine(
    (s) => noInvisible(s, { emoji: false }),
    problem('invisible', 'must not contain invisible characters'),
  )
  .refine(fewMarksInARow, problem('marks', MARKS_MESSAGE))
  .refine(
    (s) => !mixesScripts(s),
    problem(
      'mixedScripts',
      'must not mix letters of different scripts, such as Latin and Cyrillic',
    ),
  )
