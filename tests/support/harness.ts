/**
 * Test harness: a real rendezvous server on a free loopback port and real socket.io-client
 * connections to it. Everything started here is closed by `stopAll()` in afterEach.
 */
import { io as connect, type Socket } from 'socket.io-client'
import type {
  ClientToServerEvents,
  JoinRequest,
  JoinResult,
  ServerToClientEvents,
  ServerEvent,
} from '../../protocol/index.js'
import type { RendezvousOptions } from '../../server/options.js'
import { createRendezvousServer, type RendezvousServer } from '../../server/server.js'

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>

const servers: RendezvousServer[] = []
const clients: Client[] = []

export async function startServer(
  options: RendezvousOptions = {},
): Promise<{ server: RendezvousServer; url: string }> {
  const server = createRendezvousServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    ...options,
  })
  servers.push(server)
  const { url } = await server.listen()
  return { server, url }
}

/** A connected client; rejects with the connect_error when the server refuses it. */
export async function connectClient(
  url: string,
  options: {
    extraHeaders?: Record<string, string>
    reconnection?: boolean
    auth?: Record<string, string>
  } = {},
): Promise<Client> {
  const client: Client = connect(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
  })
  clients.push(client)
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve)
    client.once('connect_error', reject)
  })
  return client
}

/** Connects and joins; fails the test when the join is refused. */
export async function joinedClient(
  url: string,
  request: JoinRequest,
  auth?: Record<string, string>,
): Promise<{ client: Client; joined: JoinResult }> {
  const client = await connectClient(url, auth ? { auth } : {})
  const ack = await client.emitWithAck('room:join', request)
  if (!ack.ok) throw new Error(`join refused: ${ack.error.code} ${ack.error.message}`)
  return { client, joined: ack }
}

type Payload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0]

/** The next `event` the client receives. */
export function nextEvent<E extends ServerEvent>(client: Client, event: E): Promise<Payload<E>> {
  return new Promise((resolve) => {
    const listener = (payload: Payload<E>) => resolve(payload)
    ;(client as unknown as { once(e: string, l: (p: Payload<E>) => void): void }).once(
      event,
      listener,
    )
  })
}

/** The first `event` whose payload satisfies `test` (pushes may be coalesced, so wait for the state). */
export function eventMatching<E extends ServerEvent>(
  client: Client,
  event: E,
  test: (payload: Payload<E>) => boolean,
): Promise<Payload<E>> {
  const emitter = client as unknown as {
    on(e: string, l: (p: Payload<E>) => void): void
    off(e: string, l: (p: Payload<E>) => void): void
  }
  return new Promise((resolve) => {
    const listener = (payload: Payload<E>) => {
      if (!test(payload)) return
      emitter.off(event, listener)
      resolve(payload)
    }
    emitter.on(event, listener)
  })
}

/**
 * Records every server event a client receives, in order. Socket.IO keeps one socket's packets in
 * order, so once a later marker event has arrived, anything sent before it has arrived too: that is
 * how tests prove an event was not sent, without waiting an arbitrary time.
 */
export function record(client: Client): Array<{ event: string; payload: unknown }> {
  const seen: Array<{ event: string; payload: unknown }> = []
  client.onAny((event: string, payload: unknown) => seen.push({ event, payload }))
  return seen
}

export async function stopAll(): Promise<void> {
  for (const client of clients.splice(0)) client.disconnect()
  await Promise.all(servers.splice(0).map((server) => server.close()))
}
