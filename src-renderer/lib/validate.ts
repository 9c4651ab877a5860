/**
 * Form checks for the lobby, with the protocol's own schemas, so the form refuses exactly what the
 * server would. A problem comes back as an i18n key (with parameters), never as the schema's English.
 */
import type { z } from 'zod'
import { httpOrigin, SERVER_URL_MAX, serverKind } from '../../contract/index.js'
import {
  nicknameSchema,
  passwordSchema,
  roomNameSchema,
  type NameProblem,
} from '../../protocol/schemas.js'
import type { MessageKey } from '../i18n/en.js'
import type { Translatable } from '../i18n/locale.js'

export type FieldProblem = Translatable

/** The server's origin (`http(s)://host[:port]`) from what the user typed, or null if it is not one. */
export function parseServerUrl(input: string): string | null {
  const origin = httpOrigin(input.trim())
  // Kept only when it fits in settings (contract/server-url.ts).
  return origin !== null && origin.length <= SERVER_URL_MAX ? origin : null
}

/** What each of protocol's name refusals says (names.ts); one it does not know reads as unprintable. */
const NAME_PROBLEMS: Readonly<Record<NameProblem, MessageKey>> = {
  invisible: 'form.error.unprintable',
  blank: 'form.error.blank',
  marks: 'form.error.marks',
  reserved: 'form.error.reserved',
  mixedScripts: 'form.error.mixedScripts',
}

function nameProblem(params: Record<string, unknown> | undefined): FieldProblem {
  const kind = params?.['problem']
  const key = typeof kind === 'string' ? NAME_PROBLEMS[kind as NameProblem] : undefined
  return { key: key ?? 'form.error.unprintable' }
}

function problemOf(schema: z.ZodType, value: string): FieldProblem | null {
  const result = schema.safeParse(value)
  if (result.success) return null
  const issue = result.error.issues[0]
  switch (issue?.code) {
    case 'too_small':
      return { key: 'form.error.empty' }
    case 'too_big':
      return { key: 'form.error.tooLong', params: { max: Number(issue.maximum) } }
    case 'custom':
      return nameProblem(issue.params)
    case 'invalid_format':
      return { key: 'form.error.roomChars' }
    default:
      return { key: 'form.error.invalid' }
  }
}

export function checkServerUrl(value: string): FieldProblem | null {
  return parseServerUrl(value) === null ? { key: 'form.error.serverUrl' } : null
}

/**
 * For the desktop app: plain http only to this computer or a private network address (main refuses
 * any other, contract/server-kind.ts); null for an address that passes, or one checkServerUrl refuses.
 */
export function checkServerReach(value: string): FieldProblem | null {
  const origin = parseServerUrl(value)
  return origin !== null && serverKind(origin) === 'refused'
    ? { key: 'form.error.serverInsecure' }
    : null
}

export function checkNickname(value: string): FieldProblem | null {
  return problemOf(nicknameSchema, value)
}

export function checkRoomName(value: string): FieldProblem | null {
  return problemOf(roomNameSchema, value)
}

/** An empty password means none. */
export function checkPassword(value: string): FieldProblem | null {
  return value === '' ? null : problemOf(passwordSchema, value)
}

/** The room name from a join link (`/?room=NAME`), or null when the link names none. */
export function roomFromLink(search: string): string | null {
  const room = new URLSearchParams(search).get('room')?.trim()
  return room ? room : null
}
