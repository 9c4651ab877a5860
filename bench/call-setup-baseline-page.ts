/**
 * The bare two-page WebRTC exchange, run inside a page of the bench's tiny server: getUserMedia with
 * the app's constraints, one RTCPeerConnection, signalling through the server's relay (EventSource
 * in, fetch POST out). No framework, no Socket.IO. The remote video sits in the same markup as the
 * app's tiles, so the same watcher (call-setup-page.ts) sees its first frame.
 *
 * Like the app's engine: the newcomer ('b') says hello, the member already there ('a') offers, the
 * newcomer answers with its tracks added to the offered transceivers; candidates trickle.
 */

export interface BaselineConfig {
  self: string
  other: string
  nickname: string
  otherNickname: string
  /** The app's capture constraints (src-renderer/engine/media/capture.ts). */
  audio: Record<string, unknown>
  video: Record<string, unknown>
}

/** The app's constraints, copied from src-renderer/engine/media/capture.ts. */
export const APP_AUDIO = { echoCancellation: true, noiseSuppression: true, autoGainControl: true }
export const APP_VIDEO = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
}

export const BASELINE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare WebRTC</title>
<style>figure{display:inline-block;width:640px;height:360px;margin:4px;position:relative}
video{width:100%;height:100%;object-fit:cover}</style></head><body></body></html>`

interface Track {
  readonly kind: string
}
interface Stream {
  getTracks(): Track[]
}
interface Description {
  type: string
  sdp?: string
}
interface Connection {
  onicecandidate: ((event: { candidate: { toJSON(): unknown } | null }) => void) | null
  ontrack: ((event: { streams: Stream[] }) => void) | null
  readonly localDescription: Description | null
  addTrack(track: Track, stream: Stream): unknown
  setLocalDescription(): Promise<void>
  setRemoteDescription(description: Description): Promise<void>
  addIceCandidate(candidate: unknown): Promise<void>
}
interface Element {
  className: string
  textContent: string | null
  muted: boolean
  autoplay: boolean
  playsInline: boolean
  srcObject: Stream | null
  append(...nodes: Element[]): void
}
interface BaselineGlobals {
  document: { body: Element; createElement(tag: string): Element }
  navigator: {
    mediaDevices: { getUserMedia(constraints: Record<string, unknown>): Promise<Stream> }
  }
  RTCPeerConnection: new (config: { iceServers: unknown[] }) => Connection
  EventSource: new (url: string) => {
    onmessage: ((event: { data: string }) => void) | null
    onopen: (() => void) | null
  }
  __baselineStart?: () => number
  __baselineErrors?: string[]
}

type Message =
  { hello: true } | { description: Description } | { candidate: Record<string, unknown> | null }

/** Opens the camera and microphone and the relay; resolves when both are ready. */
export async function installBaseline(config: BaselineConfig): Promise<void> {
  const g = globalThis as unknown as BaselineGlobals
  const errors: string[] = (g.__baselineErrors = [])

  const tile = (stream: Stream, name: string): void => {
    const figure = g.document.createElement('figure')
    figure.className = 'tile camera'
    const video = g.document.createElement('video')
    video.muted = true
    video.autoplay = true
    video.playsInline = true
    video.srcObject = stream
    const caption = g.document.createElement('figcaption')
    const label = g.document.createElement('span')
    label.className = 'name'
    label.textContent = name
    caption.append(label)
    figure.append(video, caption)
    g.document.body.append(figure)
  }

  const local = await g.navigator.mediaDevices.getUserMedia({
    audio: config.audio,
    video: config.video,
  })
  tile(local, `${config.nickname} (you)`)

  const send = (message: Message): void => {
    fetch(`/signal?to=${config.other}`, { method: 'POST', body: JSON.stringify(message) }).catch(
      (err: unknown) => errors.push(String(err)),
    )
  }
  let pc: Connection | null = null
  let shown = false
  const connection = (): Connection => {
    const made = new g.RTCPeerConnection({ iceServers: [] })
    made.onicecandidate = ({ candidate }) =>
      send({ candidate: candidate ? (candidate.toJSON() as Record<string, unknown>) : null })
    made.ontrack = ({ streams }) => {
      const stream = streams[0]
      if (stream && !shown) {
        shown = true
        tile(stream, config.otherNickname)
      }
    }
    pc = made
    return made
  }
  // Audio first, then video, as the app adds them.
  const addTracks = (to: Connection): void => {
    const tracks = local.getTracks()
    for (const kind of ['audio', 'video']) {
      for (const track of tracks) if (track.kind === kind) to.addTrack(track, local)
    }
  }
  const sendDescription = (from: Connection): void => {
    const d = from.localDescription
    if (d) send({ description: { type: d.type, sdp: d.sdp ?? '' } })
  }

  const handle = async (message: Message): Promise<void> => {
    if ('hello' in message) {
      const made = connection()
      addTracks(made)
      await made.setLocalDescription()
      sendDescription(made)
    } else if ('description' in message) {
      if (message.description.type === 'offer') {
        const made = connection()
        await made.setRemoteDescription(message.description)
        addTracks(made)
        await made.setLocalDescription()
        sendDescription(made)
      } else {
        await pc?.setRemoteDescription(message.description)
      }
    } else if (message.candidate) {
      await pc?.addIceCandidate(message.candidate)
    }
  }

  // Messages are handled one at a time, in order: a candidate never overtakes its offer.
  let queue = Promise.resolve()
  const events = new g.EventSource(`/events?peer=${config.self}`)
  events.onmessage = ({ data }) => {
    queue = queue
      .then(() => handle(JSON.parse(data) as Message))
      .catch((err: unknown) => {
        errors.push(String(err))
      })
  }
  await new Promise<void>((resolve) => (events.onopen = resolve))

  g.__baselineStart = () => {
    const at = Date.now()
    send({ hello: true })
    return at
  }
}

/** Starts the exchange from the newcomer's page; returns the page's Date.now() at the start. */
export function startBaseline(): number {
  const start = (globalThis as unknown as BaselineGlobals).__baselineStart
  if (!start) throw new Error('baseline page not ready')
  return start()
}

export function baselineErrors(): string[] {
  return (globalThis as unknown as BaselineGlobals).__baselineErrors ?? []
}
