/**
 * A rendezvous server that lies: it serves the real built renderer, then answers every Socket.IO
 * event with a mix of valid payloads and broken ones (wrong types, huge strings, extra keys, unknown
 * peers, HTML in names, garbage acks). The renderer must keep the valid parts, drop the rest, and
 * render nothing it sends as markup. Event names are spelled raw on purpose: this server does not
 * follow the protocol's types.
 */
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { Server, type Socket } from 'socket.io'
import { createStaticHandler } from '../../../server/http/static.js'

const staticDir = resolve(import.meta.dirname, '../../../out/renderer')

/** Names and texts that are valid for the protocol, and would run script if rendered as HTML. */
export const MARKUP = {
  peer: '<img src=x onerror=__pwned=1>',
  bold: '<b>Cy</b>',
  svg: '<svg onload=__pwned=3>',
  chat: '<img src=x onerror="window.__pwned=5"> hello',
  history: '<script>window.__pwned=2</script>',
} as const

const ON = { audio: true, video: true, screen: false }
const huge = (c: string) => c.repeat(100_000)

const room = (name: string, participants = 1) => ({
  name,
  participants,
  capacity: 8,
  locked: false,
  admission: 'open',
})

/** The rooms:watch answer: two good rooms among broken ones. */
const WATCHED = [
  room('calm-room'),
  { ...room('tagged'), name: '<img src=x onerror=__pwned=6>' },
  { ...room('huge'), name: huge('r') },
  { ...room('typed'), participants: '3' },
  { ...room('extra'), admin: true },
  'not a room',
  null,
  room('second-room', 2),
]

/** Pushed after the watch: the same good rooms (and only they) must stay listed. */
const PUSHES: unknown[] = [
  'not a list',
  { 0: room('object-room') },
  Array.from({ length: 201 }, (_, i) => room(`flood-${i}`)),
  [room('calm-room'), room('second-room', 2), { ...room('late'), locked: 'no' }],
]

function joinAck(payload: { room: string; nickname: string }) {
  return {
    ok: true,
    self: { id: 'me-1', nickname: payload.nickname, media: ON, role: 'member' },
    token: 'token.1',
    peers: [
      { id: 'bo', nickname: MARKUP.peer, media: ON, role: 'member' },
      { id: 'cy', nickname: MARKUP.bold, media: { ...ON, audio: false }, role: 'member' },
      { id: 'bad id!', nickname: 'Bad Id', media: ON, role: 'member' },
      { id: 'huge', nickname: huge('H'), media: ON, role: 'member' },
      { id: 'extra', nickname: 'Extra', media: ON, role: 'member', isHost: true },
      { id: 'typed', nickname: 42, media: ON, role: 'member' },
      { id: 'me-1', nickname: 'Myself Again', media: ON, role: 'member' },
    ],
    history: [
      { id: 'h1', from: 'bo', nickname: 'Bo', text: MARKUP.history, ts: 1_700_000_000_000 },
      { id: 'h2', from: 'bo', nickname: 'Bo', text: 'yesterday', ts: 'yesterday' },
    ],
    iceServers: [{ urls: 'javascript:alert(1)' }],
    capacity: 8,
    room: { ...room(payload.room, 3), visibility: 'public' },
  }
}

/** What the server pushes once the page has joined: every kind of broken event, and a few good ones. */
function barrage(socket: Socket): void {
  const now = Date.now()
  socket.emit('peer:joined', { id: 'ghost', nickname: huge('G'), media: ON, role: 'member' })
  socket.emit('peer:joined', 'a string')
  socket.emit('peer:joined', {
    id: 'dee',
    nickname: 'Dee',
    media: { ...ON, audio: 'yes' },
    role: 'member',
  })
  socket.emit('peer:joined', { id: 'eve', nickname: MARKUP.svg, media: ON, role: 'member' })
  socket.emit('peer:updated', { id: 'nobody', nickname: 'Nobody', media: ON, role: 'member' })
  socket.emit('peer:updated', { id: 'cy', nickname: '', media: ON, role: 'member' })
  socket.emit('peer:left', { id: 'bo', reason: 'vanished' })
  socket.emit('signal', { from: 'stranger', payload: { description: { type: 'offer', sdp: 'x' } } })
  socket.emit('signal', { from: 'bo', payload: { description: { type: 'offer', sdp: huge('s') } } })
  socket.emit('signal', { from: 'cy', payload: { script: 'alert(1)' } })
  socket.emit('chat:message', { id: 'm2', from: 'bo', nickname: 'Bo', text: huge('x'), ts: now })
  socket.emit('chat:message', {
    id: 'm3',
    from: 'bo',
    nickname: 'Bo',
    text: 'hi',
    ts: now,
    html: 1,
  })
  socket.emit('chat:message', {
    id: 'm1',
    from: 'bo',
    nickname: MARKUP.peer,
    text: MARKUP.chat,
    ts: now,
  })
  socket.emit('server:notice', { kind: 'takeover', message: '<b>obey</b>' })
  socket.emit('evil:event', '<script>window.__pwned=7</script>')
}

type Ack = (answer: unknown) => void

function behave(socket: Socket): void {
  socket.on('rooms:watch', (_payload: unknown, ack: Ack) => {
    ack({ ok: true, rooms: WATCHED })
    for (const push of PUSHES) socket.emit('rooms:changed', push)
  })
  socket.on('room:join', (payload: { room: string; nickname: string }, ack: Ack) => {
    ack(joinAck(payload))
    setTimeout(() => barrage(socket), 100)
  })
  socket.on('chat:send', (payload: { text: string }, ack: Ack) =>
    ack({
      ok: true,
      message: { id: 'c1', from: 'me-1', nickname: 'Ann', text: payload.text, ts: Date.now() },
    }),
  )
  socket.on('profile:update', (_payload: unknown, ack: Ack) => ack({ ok: true }))
  // Garbage for every answer nobody waits for: the page counts these sends as failed.
  socket.on('signal:send', (_payload: unknown, ack: Ack) => ack('garbage'))
  socket.on('media:update', (_payload: unknown, ack: Ack) => ack({ ok: true, extra: '<b>' }))
  socket.on('room:leave', (_payload: unknown, ack: Ack) => ack({ ok: true }))
}

export interface HostileServer {
  url: string
  close(): Promise<void>
}

export async function startHostileServer(): Promise<HostileServer> {
  const serveStatic = createStaticHandler(staticDir)
  const http: HttpServer = createServer((req, res) => {
    void serveStatic(req, res).then((served) => {
      if (served) return
      res.writeHead(404)
      res.end()
    })
  })
  const io = new Server(http)
  io.on('connection', behave)
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => void io.close(() => done())),
  }
}
