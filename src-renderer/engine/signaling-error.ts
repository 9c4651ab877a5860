/**
 * The signalling client's words: its states, the errors it throws (protocol codes plus what can go
 * wrong before the server answers) and the events it reports.
 */
import type { ErrorCode, JoinResult, ServerToClientEvents } from '../../protocol/index.js'
import { connectRefusal } from './connect-error.js'

export type SignalingState = 'connecting' | 'connected' | 'reconnecting' | 'closed'

/**
 * Protocol error codes, plus what can go wrong before the server answers; `cancelled`: we stopped
 * waiting for a held join (left while knocking).
 */
export type SignalingErrorCode =
  ErrorCode | 'unreachable' | 'refused' | 'timeout' | 'replaced' | 'cancelled'

export class SignalingError extends Error {
  constructor(
    readonly code: SignalingErrorCode,
    message: string,
    /** How long the server said to wait before trying again (protocol's `retryAfterMs`). */
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'SignalingError'
  }
}

/** What the client reports: every server event (decoded, see inbound.ts), and its own state. */
export interface SignalingEvents extends ServerToClientEvents {
  state: (state: SignalingState) => void
  /** Back after a reconnection: `resumed` when the seat (and id) was kept, else a fresh join. */
  rejoined: (result: JoinResult, resumed: boolean) => void
  /** The seat is gone for good: taken over elsewhere, or a rejoin was refused. */
  ended: (error: SignalingError) => void
}

/** A refusal by the server's connection checks comes with a code; anything else is unreachable. */
export function toConnectError(error: Error, stillTrying: boolean): SignalingError {
  const refusal = stillTrying ? null : connectRefusal(error)
  if (refusal) return new SignalingError('refused', refusal.message || refusal.code || 'refused')
  return new SignalingError('unreachable', 'The server could not be reached.')
}
