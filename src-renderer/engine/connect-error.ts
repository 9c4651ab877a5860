/**
 * What a Socket.IO `connect_error` means: the server's connection checks turned us down (a code from
 * protocol's CONNECT_ERROR_CODES, with `err.data` set to `{ code, message }`), or the server was not
 * reached at all. The call's signalling and the lobby's room list both read errors through this.
 */
import {
  CONNECT_ERROR_CODES,
  connectRefusalSchema,
  type ConnectErrorCode,
} from '../../protocol/index.js'

export interface ConnectRefusal {
  /** The reason, or null for one this version does not know (its `message` may say more). */
  code: ConnectErrorCode | null
  message: string
}

function knownCode(code: string): ConnectErrorCode | null {
  return (CONNECT_ERROR_CODES as readonly string[]).includes(code)
    ? (code as ConnectErrorCode)
    : null
}

/** The server's refusal carried by `error`, or null when nothing says the server refused. */
export function connectRefusal(error: unknown): ConnectRefusal | null {
  if (!(error instanceof Error)) return null
  const data = connectRefusalSchema.safeParse((error as Error & { data?: unknown }).data)
  if (data.success) return { code: knownCode(data.data.code), message: data.data.message }
  // Only the message came through (a proxy may drop the data): it is the code itself.
  const code = knownCode(error.message)
  return code ? { code, message: '' } : null
}
