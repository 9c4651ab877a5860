/**
 * Limits of protocol v1. Both sides import these: the server enforces them, the renderer uses them to
 * validate forms before sending. Lengths count UTF-16 code units; nicknames and room names are
 * trimmed and NFC-normalised first, chat text and passwords are taken as sent.
 */
export const LIMITS = {
  /** Nickname length. */
  nicknameMax: 32,
  /** Room name length. */
  roomNameMax: 64,
  /** Chat message length. */
  chatTextMax: 2000,
  /** Room password length. */
  passwordMax: 128,
  /**
   * Shortest password a new room, or a room:update, may set. Joining takes any length, so rooms
   * locked before this rule stay joinable.
   */
  passwordMin: 8,
  /** Length of an SDP blob in `signal:send`. */
  sdpMax: 40_000,
  /** Length of one ICE candidate line in `signal:send`. */
  candidateMax: 1024,
  /** Largest width or height, in device pixels, a `{ view }` signal may say a video is shown at. */
  viewSizeMax: 16_384,
  /** Chat messages kept per room and sent with the join ack. */
  historySize: 100,
  /** Characters of chat text kept per room, so a full history stays small (and join acks with it). */
  historyMaxChars: 32_000,
  /** Largest Socket.IO packet the server accepts (maxHttpBufferSize), in bytes. */
  maxPayloadBytes: 64 * 1024,
  /** Most rooms in one `rooms:watch` answer or `rooms:changed` push (largest rooms first). */
  roomListMax: 200,
  /** Room capacity when the server is not told otherwise. */
  defaultCapacity: 8,
  /** Highest capacity a server may be configured with: a full mesh beyond this is not usable. */
  maxCapacity: 16,
  /** Highest capacity with an SFU (`--sfu-url`): rooms past `--mesh-max` members move to Janus. */
  sfuCapacityMax: 50,
  /** Members a room has as a mesh before it moves to an SFU, unless the server is told otherwise. */
  meshMaxDefault: 4,
  /** How long a member whose connection dropped keeps its seat, unless the server is told otherwise. */
  resumeGraceMs: 15_000,
  /** Shortest gap between two `rooms:changed` pushes to one watcher. */
  roomListIntervalMs: 250,
  /** How long a knocker's `room:join` is held for a host's answer before `knock_timeout`. */
  knockTimeoutMs: 120_000,
  /** Knocks one room holds waiting at once; more are answered `rate_limited`. */
  waitingKnocksMax: 20,
  /** Knocks one client address may make per minute, on every connection and node together. */
  knocksPerAddressPerMinute: 10,
} as const

/** A count of events allowed per window of `seconds`. */
export interface RateWindow {
  points: number
  seconds: number
}

/**
 * Limits per client address, on every connection (and, with Redis, every node) together, so a
 * client that reconnects gets no fresh allowance. `passwords` is per room and address: `free` wrong
 * guesses, then each further one makes the next guess wait `firstWaitSeconds`, doubling per wrong
 * guess up to `maxWaitSeconds`; the count is forgotten `forgetSeconds` after the first wrong guess,
 * or at once on the right password. `hashesAtOnce`: password hashes one server runs at a time;
 * password-carrying requests beyond that are refused, not queued.
 */
export interface AddressLimits {
  connections: RateWindow
  joins: RateWindow
  knocks: RateWindow
  passwords: {
    free: number
    firstWaitSeconds: number
    maxWaitSeconds: number
    forgetSeconds: number
  }
  hashesAtOnce: number
}

/** A household behind one NAT joins a call within these; a reconnect loop does not beat them. */
export const ADDRESS_LIMITS: AddressLimits = {
  connections: { points: 30, seconds: 60 },
  joins: { points: 10, seconds: 60 },
  knocks: { points: LIMITS.knocksPerAddressPerMinute, seconds: 60 },
  passwords: { free: 5, firstWaitSeconds: 2, maxWaitSeconds: 15 * 60, forgetSeconds: 60 * 60 },
  hashesAtOnce: 4,
}

/** Client events are rate limited per socket in these families. */
export const RATE_FAMILIES = ['join', 'chat', 'signal', 'update', 'host', 'sfu'] as const
export type RateFamily = (typeof RATE_FAMILIES)[number]

/**
 * Per socket and family: `burst` events in a window of burst / perSecond seconds (from its first).
 * A signal burst is large because one negotiation sends an offer and a dozen ICE candidates per peer.
 */
export const RATE_LIMITS: Readonly<Record<RateFamily, { burst: number; perSecond: number }>> = {
  join: { burst: 6, perSecond: 1 },
  chat: { burst: 10, perSecond: 2 },
  signal: { burst: 400, perSecond: 100 },
  update: { burst: 20, perSecond: 5 },
  /** Host actions: "Admit all" answers every waiting knock at once. */
  host: { burst: 30, perSecond: 5 },
  /** SFU requests: a publication and a subscription each trickle their candidates, as signals do. */
  sfu: { burst: 400, perSecond: 100 },
}

/** The origin the desktop app's pages have (Electron's custom `app://` scheme); servers admit it by default. */
export const DESKTOP_APP_ORIGIN = 'app://noom'
