// noom:// links come from any web page or document the user clicks, so they are hostile input:
// main parses them strictly here and hands the renderer only a validated room and server origin.
import { accessKeySchema, httpOrigin, SERVER_URL_MAX, type DeepLink } from '../contract/index.js'
import { roomNameSchema } from '../protocol/index.js'

export type { DeepLink }

/** Longest raw link accepted: a 64-character room fully %-encoded plus a server origin fits. */
export const DEEP_LINK_MAX = 1024
/** Links waiting for the renderer; a flood of clicks before it is ready keeps only the newest. */
const QUEUE_MAX = 16

/** Raw links must be printable ASCII: no whitespace, control characters, backslashes or Unicode. */
const UNSAFE_CHARS = /[^\x21-\x7e]|\\/
/** Exactly one path segment after noom://join/, an optional query and no fragment. */
const JOIN_LINK = /^noom:\/\/join\/([^/?#]+)(?:\?([^#]*))?$/i
/** %-escaped control characters (NUL, newlines...), refused anywhere in a link. */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i
/** %-escaped slashes, refused in the room segment (a server value legitimately encodes '//'). */
const ENCODED_SLASH = /%(?:2f|5c)/i

/** The origin of an http(s) server with no credentials, path, query or fragment; else null. */
function parseServer(value: string): string | null {
  if (value.length > SERVER_URL_MAX || UNSAFE_CHARS.test(value)) return null
  const origin = httpOrigin(value)
  const url = URL.parse(value)
  if (origin === null || !url) return null
  return url.pathname === '/' && url.search === '' && url.hash === '' ? origin : null
}

/** decodeURIComponent that answers null for malformed escapes instead of throwing. */
function decode(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

/**
 * Parses `noom://join/<room>?server=<url>&key=<key>`; null for anything else. The room must pass
 * roomNameSchema; `server` is optional, at most once, and must be a plain http(s) origin; `key`
 * (another computer's built-in server's access key) only with a server, at most once, base64url.
 * Other hosts, extra path segments, fragments, unknown parameters, encoded slashes or control
 * characters and links over DEEP_LINK_MAX are refused.
 */
export function parseDeepLink(raw: string): DeepLink | null {
  if (raw.length > DEEP_LINK_MAX || UNSAFE_CHARS.test(raw) || ENCODED_CONTROL.test(raw)) return null
  const match = JOIN_LINK.exec(raw)
  if (!match) return null
  const [, encodedRoom = '', query] = match
  const decodedRoom = ENCODED_SLASH.test(encodedRoom) ? null : decode(encodedRoom)
  const room = decodedRoom === null ? null : roomNameSchema.safeParse(decodedRoom)
  if (!room?.success) return null
  if (query === undefined) return { room: room.data }

  // URLSearchParams decodes '+' and %-escapes; the raw checks above already ran on the escapes.
  const params = new URLSearchParams(query)
  const names = [...params.keys()].sort().join('&')
  if (names !== 'server' && names !== 'key&server') return null
  const server = parseServer(params.get('server') ?? '')
  if (server === null) return null
  if (!params.has('key')) return { room: room.data, server }
  const key = accessKeySchema.safeParse(params.get('key'))
  return key.success ? { room: room.data, server, key: key.data } : null
}

/**
 * The noom:// link among a process's arguments (cold start and 'second-instance' on Windows and
 * Linux), or null. Only an argument that parses as a link counts, so a flag or path that merely
 * mentions noom: is ignored; with several links the first valid one wins.
 */
export function findDeepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => /^noom:/i.test(arg) && parseDeepLink(arg) !== null) ?? null
}

/**
 * Holds links that arrive before the renderer can take them (a cold start opens the app by the
 * link), then delivers them in arrival order once `ready()` is called, and directly afterwards.
 */
export class DeepLinkQueue {
  readonly #send: (link: DeepLink) => void
  #pending: DeepLink[] = []
  #ready = false

  /** `send` delivers one link to the renderer (e.g. over a webContents IPC message). */
  constructor(send: (link: DeepLink) => void) {
    this.#send = send
  }

  /** Queues `link`, or sends it straight away once the renderer is ready. */
  push(link: DeepLink): void {
    if (this.#ready) {
      this.#send(link)
      return
    }
    this.#pending.push(link)
    if (this.#pending.length > QUEUE_MAX) this.#pending.shift()
  }

  /** The page is going away (reload, crash): hold links again until the new page listens. */
  pause(): void {
    this.#ready = false
  }

  /** Marks the renderer ready and flushes the queue in order. Calling it again does nothing. */
  ready(): void {
    if (this.#ready) return
    this.#ready = true
    const pending = this.#pending
    this.#pending = []
    for (const link of pending) this.#send(link)
  }
}
