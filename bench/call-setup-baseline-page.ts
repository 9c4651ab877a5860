/**
 * The bare floor, run inside a page of the bench's relay (call-setup-relay.ts): camera and
 * microphone opened before the start with the app's constraints, one RTCPeerConnection per other
 * page, signalling over the browser's own WebSocket. No framework, no Socket.IO. The remote videos
 * sit in the same markup as the app's tiles, so the same watcher (call-setup-page.ts) times them.
 *
 * The app's order, with no waiting: the newcomer says hello to each page already there; each of
 * them at once creates a connection, adds its tracks, sets its offer and sends it; the newcomer
 * answers with its tracks added to the offered transceivers; candidates trickle both ways.
 */

export interface BaselineConfig {
  /** This page's relay id and nickname, and every other page's nickname by id. */
  self: string
  nickname: string
  names: Record<string, string>
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

/**
 * The bare page: its tiles wrap in rows with a gap, as the app's grid does, every one inside the
 * viewport. (Tiles with a 4 px margin once wrapped two 628 px tiles onto two rows of a 1280 × 720
 * viewport, so the remote video was mostly off-screen: the compositor draws only what shows, and
 * the bare pages' GPU process looked half as busy as the app's.)
 */
export const BASELINE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare WebRTC</title>
<style>body{margin:0;min-height:100vh;display:flex;flex-wrap:wrap;gap:8px;place-content:center}
figure{width:var(--tile-width,640px);height:var(--tile-height,360px);margin:0;position:relative}
video{width:100%;height:100%;object-fit:cover}</style></head>
<body></body></html>`

/** Shows this page's tiles at `size` (CSS pixels): the steady phase compares like with like. */
export function sizeTiles(size: { width: number; height: number }): void {
  const style = (globalThis as unknown as { document: { documentElement: { style: Style } } })
    .document.documentElement.style
  style.setProperty('--tile-width', `${size.width}px`)
  style.setProperty('--tile-height', `${size.height}px`)
}

interface Style {
  setProperty(name: string, value: string): void
}

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
interface Socket {
  onmessage: ((event: { data: string }) => void) | null
  onopen: (() => void) | null
  onerror: (() => void) | null
  send(data: string): void
}
interface BaselineGlobals {
  location: { host: string }
  document: { body: Element; createElement(tag: string): Element }
  navigator: {
    mediaDevices: { getUserMedia(constraints: Record<string, unknown>): Promise<Stream> }
  }
  RTCPeerConnection: new (config: { iceServers: unknown[] }) => Connection
  WebSocket: new (url: string) => Socket
  __baselineStart?: (others: string[]) => number
  __baselineErrors?: string[]
}

type Body =
  { hello: true } | { description: Description } | { candidate: Record<string, unknown> | null }
type Message = Body & { from: string; to: string }

/** Opens the camera and microphone and the relay; resolves when both are ready. */
export async function installBaseline(config: BaselineConfig): Promise<void> {
  const g = globalThis as unknown as BaselineGlobals
  const errors: string[] = (g.__baselineErrors = [])

  /** A tile; the others' video plays their sound, as a call does (our own is muted). */
  const tile = (stream: Stream, name: string, own = false): void => {
    const figure = g.document.createElement('figure')
    figure.className = 'tile camera'
    const video = g.document.createElement('video')
    video.muted = own
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
  tile(local, `${config.nickname} (you)`, true)

  const socket = new g.WebSocket(`ws://${g.location.host}/?peer=${config.self}`)
  await new Promise<void>((resolve, reject) => {
    socket.onopen = resolve
    socket.onerror = () => reject(new Error('the relay did not open'))
  })
  const send = (to: string, body: Body): void =>
    socket.send(JSON.stringify({ ...body, from: config.self, to }))

  const connections = new Map<string, Connection>()
  const connect = (peer: string): Connection => {
    const pc = new g.RTCPeerConnection({ iceServers: [] })
    let shown = false
    pc.onicecandidate = ({ candidate }) =>
      send(peer, { candidate: candidate ? (candidate.toJSON() as Record<string, unknown>) : null })
    pc.ontrack = ({ streams }) => {
      const stream = streams[0]
      if (stream && !shown) {
        shown = true
        tile(stream, config.names[peer] ?? peer)
      }
    }
    connections.set(peer, pc)
    return pc
  }
  // Audio first, then video, as the app adds them.
  const addTracks = (pc: Connection): void => {
    const tracks = local.getTracks()
    for (const kind of ['audio', 'video']) {
      for (const track of tracks) if (track.kind === kind) pc.addTrack(track, local)
    }
  }
  const sendDescription = (peer: string, pc: Connection): void => {
    const d = pc.localDescription
    if (d) send(peer, { description: { type: d.type, sdp: d.sdp ?? '' } })
  }

  const handle = async (message: Message): Promise<void> => {
    const peer = message.from
    if ('hello' in message) {
      const pc = connect(peer)
      addTracks(pc)
      await pc.setLocalDescription()
      sendDescription(peer, pc)
    } else if ('description' in message) {
      if (message.description.type === 'offer') {
        const pc = connect(peer)
        await pc.setRemoteDescription(message.description)
        addTracks(pc)
        await pc.setLocalDescription()
        sendDescription(peer, pc)
      } else {
        await connections.get(peer)?.setRemoteDescription(message.description)
      }
    } else if (message.candidate) {
      await connections.get(peer)?.addIceCandidate(message.candidate)
    }
  }

  // Each peer's messages are handled in order (a candidate never overtakes its offer), and
  // different peers' side by side.
  const queues = new Map<string, Promise<void>>()
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data) as Message
    const queue = (queues.get(message.from) ?? Promise.resolve())
      .then(() => handle(message))
      .catch((err: unknown) => {
        errors.push(String(err))
      })
    queues.set(message.from, queue)
  }

  g.__baselineStart = (others) => {
    const at = Date.now()
    for (const other of others) send(other, { hello: true })
    return at
  }
}

/** Starts this page's joining: hello to each of `others`; returns the page's Date.now() then. */
export function startBaseline(others: string[]): number {
  const start = (globalThis as unknown as BaselineGlobals).__baselineStart
  if (!start) throw new Error('baseline page not ready')
  return start(others)
}

export function baselineErrors(): string[] {
  return (globalThis as unknown as BaselineGlobals).__baselineErrors ?? []
}
