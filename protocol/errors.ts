/** Every error code an ack may carry. Clients switch over this union; nothing else goes on the wire. */
export const ERROR_CODES = [
  /** The payload failed its schema. Nothing changed. */
  'invalid',
  /** The room has as many members as its capacity. */
  'room_full',
  /** The room is locked and the password was missing or wrong. */
  'wrong_password',
  /** The event needs the sender to be in a room. */
  'not_in_room',
  /** `signal:send` or a host action named a member that is not in the sender's room. */
  'unknown_peer',
  /**
   * The sender exceeded a rate limit: of this event's family on its connection, or of its address
   * (joins, knocks, password guesses), or the server is busy hashing passwords. `retryAfterMs` says
   * how long to wait where known.
   */
  'rate_limited',
  /** The sender is not a host of its room (host actions of v1.1). */
  'forbidden',
  /** `room:join`: the room takes no new members (admission `closed`); resumes still work. */
  'room_closed',
  /** `room:join`: a host turned the knock down. */
  'denied',
  /** `room:join`: no host answered the knock within LIMITS.knockTimeoutMs. */
  'knock_timeout',
  /** The nickname looks like a present member's (same UTS #39 confusable skeleton). */
  'nickname_taken',
  /** v1.2 `sfu:*`: the request is for an earlier (or later) move of the room's media. */
  'stale',
  /** v1.2 `sfu:*`: the room's media does not go through an SFU now, or its SFU is not up. */
  'sfu_unavailable',
  /** The server failed; the message says no more than that. */
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ProtocolError {
  code: ErrorCode
  message: string
  /**
   * How long to wait before trying again, in ms, where the server knows (`rate_limited` from a
   * per-address limit, a password guess that must wait, a wrong password after which the next guess
   * must wait). Absent: no wait is known.
   */
  retryAfterMs?: number
}

/** Every ack is either a success carrying its result or a failure carrying one error. */
export type Ack<T extends object = Record<never, never>> =
  ({ ok: true } & T) | { ok: false; error: ProtocolError }

export type AckCallback<T extends object = Record<never, never>> = (result: Ack<T>) => void

export function fail(
  code: ErrorCode,
  message: string,
  retryAfterMs?: number,
): { ok: false; error: ProtocolError } {
  const error = retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs }
  return { ok: false, error }
}

/**
 * Reasons a connection is refused before any event, as `connect_error` with `err.message` set to the
 * code and `err.data` to `{ code, message }`.
 */
export const CONNECT_ERROR_CODES = [
  'origin_not_allowed',
  'too_many_connections',
  /** The Host header names no host this server serves (a DNS-rebinding page, a wrong name). */
  'host_not_allowed',
  /**
   * The server admits only holders of its access key (the desktop app's built-in server), and the
   * handshake's `auth.key` was missing or wrong.
   */
  'access_key_required',
] as const
export type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number]
