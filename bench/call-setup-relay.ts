/**
 * The bare floor's server: a tiny `node:http` server on 127.0.0.1 that serves one blank page and
 * relays JSON messages between its pages over plain WebSockets (`ws`; no framework, no Socket.IO).
 * A page connects to `/?peer=<id>`; a message `{ to, ... }` is forwarded as it came to the page `to`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { BASELINE_HTML } from './call-setup-baseline-page.js'

/** One relayed message, stamped (Date.now()) when the relay received it. */
export interface RelayEvent {
  at: number
  from: string
  to: string
  kind: 'hello' | 'offer' | 'answer' | 'candidate' | 'other'
}

export interface BaselineServer {
  url: string
  events: RelayEvent[]
  close(): Promise<void>
}

const MAX_MESSAGE = 64 * 1024

function kindOf(message: Record<string, unknown>): RelayEvent['kind'] {
  if ('hello' in message) return 'hello'
  if ('candidate' in message) return 'candidate'
  const type = (message['description'] as { type?: unknown } | undefined)?.type
  return type === 'offer' || type === 'answer' ? type : 'other'
}

export async function startBaselineServer(): Promise<BaselineServer> {
  const peers = new Map<string, WebSocket>()
  const events: RelayEvent[] = []
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '/').split('?')[0] === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BASELINE_HTML)
    } else {
      res.writeHead(404).end()
    }
  })
  const wss = new WebSocketServer({ server, maxPayload: MAX_MESSAGE })
  wss.on('connection', (socket, req) => {
    const peer = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('peer') ?? ''
    peers.set(peer, socket)
    socket.on('close', () => peers.get(peer) === socket && peers.delete(peer))
    socket.on('message', (data, isBinary) => {
      if (isBinary || !Buffer.isBuffer(data)) return
      const text = data.toString('utf8')
      try {
        const message = JSON.parse(text) as Record<string, unknown>
        const to = String(message['to'])
        events.push({ at: Date.now(), from: peer, to, kind: kindOf(message) })
        peers.get(to)?.send(text)
      } catch {
        // Not JSON: the bench's own pages never send that; drop it.
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    close: () =>
      new Promise((resolve) => {
        for (const socket of peers.values()) socket.terminate()
        wss.close()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
