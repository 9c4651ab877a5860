/**
 * Page-side instrumentation of RTCPeerConnection, installed before any script of a bench page (the
 * app's and the bare exchange's alike): it stamps, with Date.now(), each connection's creation, its
 * local and remote descriptions once applied, ICE and DTLS becoming connected and its first track.
 * It also adds up how long the main thread spends inside WebRTC calls (their synchronous part:
 * Chromium runs many of them as blocking calls to its WebRTC signalling thread).
 * It only listens (a construct trap and wrapped methods); behaviour is unchanged.
 * Same rules as call-setup-page.ts: self-contained functions, page globals through casts.
 */
import type { PageRecord } from './call-setup-page.js'

export type RtcStep =
  | 'created'
  | 'local-offer'
  | 'local-answer'
  | 'remote-offer'
  | 'remote-answer'
  | 'ice-connected'
  | 'connected'
  | 'track'

export const RTC_STEPS: readonly RtcStep[] = [
  'created',
  'local-offer',
  'remote-offer',
  'local-answer',
  'remote-answer',
  'ice-connected',
  'connected',
  'track',
]

interface Connection {
  readonly connectionState: string
  getStats(): Promise<{ forEach(fn: (report: InboundReport) => void): void }>
  readonly iceConnectionState: string
  readonly localDescription: { type: string } | null
  addEventListener(type: string, listener: () => void): void
}

type Setter = (this: Connection, ...args: unknown[]) => Promise<unknown>
type Method = (this: unknown, ...args: unknown[]) => unknown

interface RtcGlobals {
  RTCPeerConnection?: (new (...args: unknown[]) => Connection) & {
    prototype: { setLocalDescription: Setter; setRemoteDescription: Setter }
  }
  RTCRtpSender?: { prototype: object }
  __bench?: PageRecord
  /** Every connection the page made, in order (its id is the index). */
  __benchPcs?: Connection[]
}

interface InboundReport {
  type: string
  kind?: string
  id: string
  timestamp: number
  framesDecoded?: number
}

/** Frames decoded so far by one inbound video stream (stats timestamp in ms). */
export interface InboundFrames {
  key: string
  frames: number
  at: number
}

export function instrumentRtc(): void {
  const g = globalThis as unknown as RtcGlobals
  const Base = g.RTCPeerConnection
  if (!Base) return
  // WebRTC methods whose synchronous part (the main thread waiting on them) is added up.
  const TIMED_NAMES = {
    peer: [
      'addIceCandidate',
      'setLocalDescription',
      'setRemoteDescription',
      'createOffer',
      'createAnswer',
      'addTrack',
      'getStats',
    ],
    sender: ['setParameters', 'replaceTrack', 'setStreams'],
  }
  const ids = new WeakMap<object, number>()
  const pcs: Connection[] = (g.__benchPcs = [])
  const block = (name: string, ms: number): void => {
    const blocked = g.__bench?.blocked
    if (!blocked) return
    const entry = (blocked[name] ??= { calls: 0, ms: 0 })
    entry.calls++
    entry.ms += ms
  }
  const timeSync = (target: object, names: readonly string[]): void => {
    const methods = target as Record<string, Method | undefined>
    for (const name of names) {
      const original = methods[name]
      if (typeof original !== 'function') continue
      methods[name] = function (this: unknown, ...args: unknown[]) {
        const t = performance.now()
        try {
          return original.apply(this, args)
        } finally {
          block(name, performance.now() - t)
        }
      }
    }
  }
  timeSync(Base.prototype, TIMED_NAMES.peer)
  if (g.RTCRtpSender) timeSync(g.RTCRtpSender.prototype, TIMED_NAMES.sender)
  const note = (pc: object, what: string): void => {
    const id = ids.get(pc)
    if (id !== undefined) g.__bench?.rtc.push({ at: Date.now(), pc: id, what })
  }

  g.RTCPeerConnection = new Proxy(Base, {
    construct(target, args, newTarget: new (...a: unknown[]) => Connection) {
      const t = performance.now()
      const pc = Reflect.construct(target, args, newTarget)
      block('constructor', performance.now() - t)
      ids.set(pc, pcs.length)
      pcs.push(pc)
      note(pc, 'created')
      pc.addEventListener('iceconnectionstatechange', () => {
        if (pc.iceConnectionState === 'connected') note(pc, 'ice-connected')
      })
      pc.addEventListener('connectionstatechange', () => {
        if (pc.connectionState === 'connected') note(pc, 'connected')
      })
      pc.addEventListener('track', () => note(pc, 'track'))
      return pc
    },
  })

  const proto = Base.prototype
  const setLocal = proto.setLocalDescription
  proto.setLocalDescription = async function (this: Connection, ...args: unknown[]) {
    const result = await setLocal.apply(this, args)
    note(this, `local-${this.localDescription?.type ?? 'none'}`)
    return result
  }
  const setRemote = proto.setRemoteDescription
  proto.setRemoteDescription = async function (this: Connection, ...args: unknown[]) {
    const result = await setRemote.apply(this, args)
    const type = (args[0] as { type?: string } | undefined)?.type ?? 'none'
    note(this, `remote-${type}`)
    return result
  }
}

/** Every inbound video stream of the page's open connections: frames decoded so far. */
export async function inboundVideo(): Promise<InboundFrames[]> {
  const pcs = (globalThis as unknown as RtcGlobals).__benchPcs ?? []
  const out: InboundFrames[] = []
  for (const [i, pc] of pcs.entries()) {
    if (pc.connectionState === 'closed') continue
    const stats = await pc.getStats().catch(() => null)
    stats?.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') {
        out.push({ key: `${i}/${r.id}`, frames: r.framesDecoded ?? 0, at: r.timestamp })
      }
    })
  }
  return out
}

/** ms from `start` to the first time one of the page's connections reached `step` after it. */
export function firstStep(record: PageRecord, start: number, step: RtcStep): number | null {
  const times = record.rtc.filter((e) => e.what === step && e.at >= start).map((e) => e.at)
  return times.length > 0 ? Math.min(...times) - start : null
}

/**
 * For each step, ms from `start` to the last time one of the page's connections reached it after
 * `start` (with one new connection per remote member, when all of them had); null when none did.
 */
export function rtcSteps(record: PageRecord, start: number): Partial<Record<RtcStep, number>> {
  const steps: Partial<Record<RtcStep, number>> = {}
  for (const step of RTC_STEPS) {
    const times = record.rtc.filter((e) => e.what === step && e.at >= start).map((e) => e.at)
    if (times.length > 0) steps[step] = Math.max(...times) - start
  }
  return steps
}

export type Blocked = PageRecord['blocked']

/** What was added to `after` since `before`, by method, plus a 'total'. */
export function blockedSince(before: Blocked, after: Blocked): Blocked {
  const diff: Blocked = {}
  let calls = 0
  let ms = 0
  for (const [name, entry] of Object.entries(after)) {
    const was = before[name] ?? { calls: 0, ms: 0 }
    if (entry.calls === was.calls) continue
    diff[name] = { calls: entry.calls - was.calls, ms: entry.ms - was.ms }
    calls += entry.calls - was.calls
    ms += entry.ms - was.ms
  }
  diff['total'] = { calls, ms }
  return diff
}
