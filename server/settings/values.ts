/**
 * What a setting's value must be. Parsers turn the text a flag, an env var or the config file gives
 * (lists comma-joined) into the value, with messages that read after the setting's name; shape checks
 * (ICE server and SFU URLs, the admin password hash) serve createRendezvousServer's own options too.
 */
import proxyAddr from 'proxy-addr'
import { z } from 'zod'

/** A whole number from `min` to `max`, written in digits. */
export const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`)

/** `true`/`1` or `false`/`0` (a bare boolean flag gives `true`). */
export const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

/** Text that is not empty. */
export const text = z.string().min(1)

/** pino's levels, and 'silent'. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export const logLevel = z.enum(LOG_LEVELS)

/** A user name: not empty, and not a novel. */
export const userName = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')

/** A comma-separated list; blank entries are dropped. */
export const list = z.string().transform((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
)

/** A comma list whose entries all pass `test`; the error quotes the first that does not. */
export const urlList = (test: (url: string) => boolean, what: string) =>
  list.pipe(
    z.array(
      z.string().refine(test, { error: (issue) => `"${String(issue.input)}" is not ${what}` }),
    ),
  )

/** Proxies whose X-Forwarded-For is believed: addresses, CIDR ranges, or proxy-addr's names. */
export const trustedProxies = urlList(
  isProxyEntry,
  'an IP address, a CIDR range (10.0.0.0/8), or loopback, linklocal or uniquelocal',
)

function isProxyEntry(entry: string): boolean {
  try {
    proxyAddr.compile(entry)
    return true
  } catch {
    return false
  }
}

/** The STUN servers handed to clients. */
export const stunUrls = urlList(isStunUrl, 'a stun: or stuns: URL')

/** The URLs of one coturn: at least one. */
export const turnUrls = urlList(isTurnUrl, 'a turn: or turns: URL').pipe(
  z.array(z.string()).min(1, 'must list at least one URL'),
)

/** The WebSocket URLs of the Janus instances: at least one, no instance twice. */
export const sfuUrls = urlList(isSfuUrl, 'a ws:// or wss:// URL')
  .pipe(z.array(z.string()).min(1, 'must list at least one URL'))
  .superRefine((urls, ctx) => {
    const at = repeatedUrlAt(urls)
    // At its index, as for the entries above: the message quotes the entry, so no "(got …)".
    if (at >= 0) {
      ctx.addIssue({ code: 'custom', message: `"${urls[at]}" is listed twice`, path: [at] })
    }
  })

/** A secret long enough not to be guessed. */
export const secretText = z.string().min(16, 'must be at least 16 characters')

/** An `http://` or `https://` URL. */
export const httpUrl = z
  .string()
  .refine((s) => /^https?:\/\/./.test(s) && URL.canParse(s), 'must be an http:// or https:// URL')

/** A `redis://` or `rediss://` URL. */
export const REDIS_URL = /^rediss?:\/\/./
export const redisUrl = z.string().regex(REDIS_URL, 'must be a redis:// or rediss:// URL')

/** An admin password hash; a message never quotes it (it may be the plain password). */
export const bcryptHash = z.string().superRefine((value, ctx) => {
  const problem = bcryptHashProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

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

/** A `ws://` or `wss://` URL, as Janus's WebSocket transport is reached. */
export function isSfuUrl(url: string): boolean {
  return /^wss?:\/\/./.test(url) && URL.canParse(url)
}

/**
 * Where the first entry naming a URL listed before it is (`ws://A:8188` is `ws://a:8188/`), or -1.
 * The entries must parse as URLs.
 */
export function repeatedUrlAt(urls: readonly string[]): number {
  const seen = new Set<string>()
  return urls.findIndex((url) => {
    const href = new URL(url).href
    if (seen.has(href)) return true
    seen.add(href)
    return false
  })
}

function portInRange(url: string): boolean {
  const port = /:(\d+)(?:\?|$)/.exec(url.replace(/\[[^\]]*\]/, ''))?.[1]
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535)
}

/** The lowest bcrypt cost we accept: below it a stolen hash is cheap to brute-force. */
export const MIN_BCRYPT_COST = 10

/** How to make a hash, quoted in every refusal. */
export const HASH_HOW_TO =
  'make one with `noom-server hash-password` (or `node bin/noom-server.js hash-password`)'

const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/

/**
 * Why `value` is not an acceptable admin password hash, or null when it is. The message never
 * quotes the value: a plain password given by mistake must not reach a log.
 */
export function bcryptHashProblem(value: string): string | null {
  const match = BCRYPT_HASH.exec(value)
  if (!match) return `must be a bcrypt hash ($2b$…), not a password; ${HASH_HOW_TO}`
  const cost = Number(match[1])
  if (cost < MIN_BCRYPT_COST || cost > 31) {
    return `must be a bcrypt hash of cost ${MIN_BCRYPT_COST} to 31 (this one has cost ${cost}); ${HASH_HOW_TO}`
  }
  return null
}
