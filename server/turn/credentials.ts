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
 * TURN is configured, one entry with every TURN URL and credentials minted for this member now.
 */
export function iceServersFor(input: {
  iceServers: readonly IceServer[]
  turn: TurnConfig | null
  memberId: string
  now: number
}): IceServer[] {
  const servers = [...input.iceServers]
  if (input.turn) {
    const { secret, urls, ttlSeconds } = input.turn
    servers.push({
      urls: [...urls],
      ...turnCredentials({ secret, memberId: input.memberId, ttlSeconds, now: input.now }),
    })
  }
  return servers
}
