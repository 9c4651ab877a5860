/**
 * For the engine's Node tests: a real rendezvous server in this process (restartable on its port
 * with the same secret, as a deployment restarts), sockets the tests can break, raw members to
 * watch what the others see, and fake remote members in place of peer connections (Node has no
 * WebRTC). Everything started here is closed by `closeAll()`.
 */
import { io, type Socket } from 'socket.io-client'
import type {
  ClientToServerEvents,
  JoinRequest,
  JoinResult,
  ServerToClientEvents,
} from '../../protocol/index.js'
import {
  createRendezvousServer,
  type RendezvousOptions,
  type RendezvousServer,
} from '../../server/index.js'
import { CallEngine, type CallEngineEvents, type CallEngineOptions } from './call.js'
import {
  SignalingClient,
  type Connect,
  type SignalingEvents,
  type SignalingOptions,
} from './signaling.js'
import type { FakeRemote } from './fake-remote.node.js'
import { fakeCameraStream, fakeRemotes } from './fake-remote.node.js'

export { FakeRemote, fakeCameraStream, fakeRemotes } from './fake-remote.node.js'

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const SECRET = 'engine-tests-secret-that-survives-restarts'
const closers: Array<() => Promise<void> | void> = []

/** Closes every server, socket and engine the kit made, newest first. */
export async function closeAll(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close()
}

/** A rendezvous server on a free loopback port. */
export class Rendezvous {
  #server: RendezvousServer | null = null
  #port = 0
  readonly #options: RendezvousOptions

  private constructor(options: RendezvousOptions) {
    this.#options = options
  }

  static async start(options: RendezvousOptions = {}): Promise<Rendezvous> {
    const rendezvous = new Rendezvous(options)
    await rendezvous.#listen(0)
    closers.push(() => rendezvous.stop())
    return rendezvous
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`
  }

  /** Drops every connection (no goodbye, as in a crash) and starts afresh on the same port. */
  async restart(): Promise<void> {
    await this.stop()
    await this.#listen(this.#port)
  }

  async stop(): Promise<void> {
    const server = this.#server
    this.#server = null
    await server?.close()
  }

  async #listen(port: number): Promise<void> {
    const server = createRendezvousServer({
      host: '127.0.0.1',
      logLevel: 'silent',
      secret: SECRET,
      ...this.#options,
      port,
    })
    const { port: bound } = await server.listen()
    this.#server = server
    this.#port = bound
  }
}

export interface ConnectOptions {
  extraHeaders?: Record<string, string>
  /** Server events whose delivery waits until `release()` (to make them arrive late). */
  hold?: readonly string[]
}

/** A Connect that makes quick-reconnecting sockets of their own and keeps them for the test. */
export function testConnect(options: ConnectOptions = {}): {
  connect: Connect
  sockets: ClientSocket[]
  release: () => void
} {
  const sockets: ClientSocket[] = []
  const holding = new Set(options.hold)
  const held: Array<() => void> = []
  const connect: Connect = (url) => {
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      autoConnect: false,
      // One connection per client: without it, clients of one URL share a connection.
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      randomizationFactor: 0,
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    })
    const on = socket.on.bind(socket) as (event: string, listener: Listener) => void
    const holdingOn = (event: string, listener: Listener) => {
      if (!holding.has(event)) return on(event, listener)
      on(event, (...args) => {
        if (holding.has(event)) held.push(() => listener(...args))
        else listener(...args)
      })
    }
    socket.on = holdingOn as unknown as typeof socket.on
    sockets.push(socket)
    closers.push(() => void socket.disconnect())
    return socket
  }
  const release = () => {
    holding.clear()
    for (const deliver of held.splice(0)) deliver()
  }
  return { connect, sockets, release }
}

type Listener = (...args: unknown[]) => void

/** Breaks the connection under a socket (the transport closes; the client reconnects by itself). */
export function dropConnection(socket: ClientSocket | undefined): void {
  if (!socket) throw new Error('no socket to drop')
  socket.io.engine.close()
}

/** A SignalingClient that keeps its last join answer (the test may steal the resume token). */
export class RecordingSignaling extends SignalingClient {
  lastJoin: JoinResult | null = null

  override async join(request: JoinRequest): Promise<JoinResult> {
    this.lastJoin = await super.join(request)
    return this.lastJoin
  }
}

export interface TestEngine {
  engine: CallEngine
  signaling: RecordingSignaling
  sockets: ClientSocket[]
  made: FakeRemote[]
  /** Delivers the held events (see ConnectOptions.hold). */
  release: () => void
}

/** A call engine with fake remotes over a test socket; `options` override the engine's. */
export function testEngine(
  url: string,
  options: Partial<Omit<CallEngineOptions, 'signaling'>> &
    ConnectOptions & { signaling?: SignalingOptions } = {},
): TestEngine {
  const { extraHeaders, hold, signaling: signalingOptions, ...engineOptions } = options
  const { connect, sockets, release } = testConnect({
    ...(extraHeaders ? { extraHeaders } : {}),
    ...(hold ? { hold } : {}),
  })
  const signaling = new RecordingSignaling(url, { connect, warn: () => {}, ...signalingOptions })
  const { createRemote, made } = fakeRemotes()
  const engine = new CallEngine({
    signaling,
    relayOnly: false,
    createMeter: () => null,
    cameraStream: fakeCameraStream,
    createRemote,
    warn: () => {},
    ...engineOptions,
  })
  closers.push(() => signaling.close())
  return { engine, signaling, sockets, made, release }
}

/** A member as a plain Socket.IO client, to see what the others see. */
export async function rawMember(
  url: string,
  request: JoinRequest,
): Promise<{ client: ClientSocket; joined: JoinResult }> {
  const client: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  })
  closers.push(() => void client.disconnect())
  const ack = await client.emitWithAck('room:join', request)
  if (!ack.ok) throw new Error(`join refused: ${ack.error.code} ${ack.error.message}`)
  return { client, joined: ack }
}

/** The arguments of the next `event` an engine or a client raises (that passes `test`, if given). */
export function nextEvent<K extends keyof CallEngineEvents>(
  emitter: CallEngine,
  event: K,
  test?: (...args: Parameters<CallEngineEvents[K]>) => boolean,
): Promise<Parameters<CallEngineEvents[K]>>
export function nextEvent<K extends keyof SignalingEvents>(
  emitter: SignalingClient,
  event: K,
  test?: (...args: Parameters<SignalingEvents[K]>) => boolean,
): Promise<Parameters<SignalingEvents[K]>>
export function nextEvent(
  emitter: CallEngine | SignalingClient,
  event: string,
  test: (...args: unknown[]) => boolean = () => true,
): Promise<unknown[]> {
  // Either emitter's `on`, for a name and a listener the overloads above have typed.
  const on = emitter.on.bind(emitter) as unknown as (
    event: string,
    listener: (...args: unknown[]) => void,
  ) => () => void
  return new Promise((resolve) => {
    const off = on(event, (...args) => {
      if (!test(...args)) return
      off()
      resolve(args)
    })
  })
}

/** Every `event` a raw member receives, recorded as it comes. */
export function record<E extends keyof ServerToClientEvents>(
  client: ClientSocket,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = []
  const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload)
  ;(client as unknown as { on(e: string, l: typeof listener): void }).on(event, listener)
  return seen
}
