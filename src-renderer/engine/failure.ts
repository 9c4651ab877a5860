/**
 * What a SignalingError means for the call: why joining failed or the call ended, and why a rename
 * was refused. Each code is mapped on purpose (a new one fails to compile until it is).
 */
import { SignalingError } from './signaling.js'
import type { CallFailure } from './types.js'

/** Why a rename did not happen; `detail` holds the server's (or the schema's) own words. */
export interface RenameFailure {
  code:
    | 'invalid' // the name is not one (empty, too long, invisible characters)
    | 'rate_limited' // renamed too often
    | 'taken' // it looks like the name of someone in the room
    | 'offline' // not connected or not seated right now
    | 'refused' // the server said no for a reason of its own
  detail: string
}

export type RenameResult = { ok: true; nickname: string } | { ok: false; failure: RenameFailure }

export function toFailure(err: unknown): CallFailure {
  if (!(err instanceof SignalingError)) return { code: 'internal' }
  switch (err.code) {
    case 'wrong_password':
    case 'rate_limited': {
      const { retryAfterMs } = err
      return { code: err.code, detail: err.message, ...(retryAfterMs && { retryAfterMs }) }
    }
    case 'room_full':
    case 'invalid':
    case 'unreachable':
    case 'refused':
    case 'replaced':
    case 'denied':
    case 'knock_timeout':
    case 'room_closed':
    case 'forbidden':
    case 'nickname_taken':
      return { code: err.code, detail: err.message }
    case 'timeout':
      return { code: 'unreachable', detail: err.message }
    case 'not_in_room':
    case 'unknown_peer':
    case 'cancelled':
    case 'stale':
    case 'sfu_unavailable':
    case 'internal':
      return { code: 'internal', detail: err.message }
    default: {
      const unhandled: never = err.code
      return { code: 'internal', detail: String(unhandled) }
    }
  }
}

export function toRenameFailure(err: unknown): RenameFailure {
  if (!(err instanceof SignalingError)) return { code: 'refused', detail: '' }
  const detail = err.message
  switch (err.code) {
    case 'invalid':
    case 'rate_limited':
      return { code: err.code, detail }
    case 'nickname_taken':
      return { code: 'taken', detail }
    case 'unreachable':
    case 'timeout':
    case 'not_in_room':
    case 'replaced':
    case 'cancelled':
      return { code: 'offline', detail }
    case 'wrong_password':
    case 'room_full':
    case 'unknown_peer':
    case 'refused':
    case 'denied':
    case 'knock_timeout':
    case 'room_closed':
    case 'forbidden':
    case 'stale':
    case 'sfu_unavailable':
    case 'internal':
      return { code: 'refused', detail }
    default: {
      const unhandled: never = err.code
      return { code: 'refused', detail: String(unhandled) }
    }
  }
}
