/**
 * Short-lived TURN credentials for coturn's `use-auth-secret` mode (the "TURN REST API" of
 * draft-uberti-behave-turn-rest): the username is `expiry:memberId`, the password is
 * base64(HMAC-SHA1(secret, username)). coturn recomputes the HMAC with the same shared secret and
 * refuses a username whose expiry (Unix seconds) has passed, so the server never tells coturn who
 * is allowed: whoever holds an unexpired pair is.
 */
import { createHmac } from 'node:crypto'
import type { IceServer } from '../../protocol/index.js'

/**
 * How long credentials stay valid unless `--turn-ttl` says otherwise: 24 h, the usual choice. A relay
 * can need them again mid-call (to refresh or re-allocate), so they should outlast the longest call.
 */
export const DEFAULT_TURN_TTL_SECONDS = 24 * 60 * 60

/** What the server needs to mint credentials for a coturn that shares `secret`. */
export interface TurnConfig {
  /** coturn's `static-auth-secret`. */
  secret: string
  /** `turn:` / `turns:` URLs of that coturn, handed to clients as they are. */
  urls: string[]
  /** Lifetime of issued credentials. */
  ttlSeconds: number
}

export interface TurnCredentials {
  username: string
  credential: string
}

// A host name, an IPv4 address or a bracketed IPv6 address, then an optional port
// (RFC 7064 for stun:, RFC 7065 for turn:).
const HOST_PORT = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?`
const TURN_URL = new RegExp(`^turns?:${HOST_PORT}(?:\\?transport=(?:udp|tcp))?$`)
const STUN_URL = new RegExp(`^stuns?:${HOST_PORT}$`)

/** `turn:host[:port][?transport=udp|tcp]` or the same with `turns:` (RFC 7065). */
export function isTurnUrl(url: string): boolean {
  return TURN_URL.test(url) && portInRange(url)
}

/** `stun:host[:port]` or `stuns:host[:port]` (RFC 7064). */
export function isStunUrl(url: string): boolean {
  return STUN_URL.test(url) && portInRange(url)
}

function portInRange(url: string): boolean {
  const port = /:(\d+)(?:\?|$)/.exec(url.replace(/\[[^\]]*\]/, ''))?.[1]
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535)
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
