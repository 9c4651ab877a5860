/**
 * Short-lived TURN credentials for coturn's `use-auth-secret` mode (the "TURN REST API" of
 * draft-uberti-behave-turn-rest): the username is `expiry:memberId`, the password is
 * base64(HMAC-SHA1(secret, username)). coturn recomputes the HMAC with the same shared secret and
 * refuses a username whose expiry (Unix seconds) has passed, so the server never tells coturn who
 * is allowed: whoever holds an unexpired pair is.
 */
import { createHmac } from 'node:crypto'
import type { IceServer } from '../../protocol/index.js'
import type { TurnConfig } from '../options.js'

export interface TurnCredentials {
  username: string
  credential: string
}

/** Credentials for `memberId` that coturn accepts until `now` (ms) + `ttlSeconds`. */
export function turnCredentials(input: {
  secret: string
  memberId: string
  ttlSeconds: number
  now: number
}): TurnCredentials {
  const expiry = Math.floor(input.now / 1000) + input.ttlSeconds
  const username = `${expiry}:${input.memberId}`
  const credential = createHmac('sha1', input.secret).update(username).digest('base64')
  return { username, credential }
}

/**
 * The ICE servers for one member: the static ones (STUN, without credentials) as given, then, when
 * TURN is configured and the member has someone to call, one entry with every TURN URL and
 * credentials minted for this member now. A member alone in its room gets no relay: credentials for
 * whoever names a room would make the relay open to anyone (the member asks again, with
 * `ice:refresh`, once someone arrives).
 */
export function iceServersFor(input: {
  iceServers: readonly IceServer[]
  turn: TurnConfig | null
  memberId: string
  /** Whether another member holds a seat in the member's room. */
  company: boolean
  now: number
}): IceServer[] {
  const servers = [...input.iceServers]
  if (input.turn && input.company) {
    const { secret, urls, ttlSeconds } = input.turn
    servers.push({
      urls: [...urls],
      ...turnCredentials({ secret, memberId: input.memberId, ttlSeconds, now: input.now }),
    })
  }
  return servers
}

/** The ICE servers for `memberId`, one of `members` (its room's seats, its own included), now. */
export function seatIceServers(
  options: { iceServers: readonly IceServer[]; turn: TurnConfig | null },
  members: readonly { id: string }[],
  memberId: string,
): IceServer[] {
  return iceServersFor({
    iceServers: options.iceServers,
    turn: options.turn,
    memberId,
    company: members.some((m) => m.id !== memberId),
    now: Date.now(),
  })
}
