import { describe, expect, it, vi } from 'vitest'
import type { AckCallback, RoomSummary, RoomsWatchResult } from '../../protocol/index.js'
import { RoomsStore, roomsStatusMessage, type RoomsSocket } from './rooms.svelte.js'

const demo: RoomSummary = {
  name: 'demo',
  participants: 1,
  capacity: 8,
  locked: false,
  admission: 'open',
}

/** A socket that records listeners and watch requests, driven by the test. */
class FakeSocket {
  readonly listeners = new Map<string, (arg?: unknown) => void>()
  readonly watches: AckCallback<RoomsWatchResult>[] = []
  connected = false

  constructor(readonly url: string) {}

  on(event: string, listener: (arg: never) => void): this {
    this.listeners.set(event, listener as (arg?: unknown) => void)
    return this
  }
  emit(_event: 'rooms:watch', _payload: object, ack: AckCallback<RoomsWatchResult>): this {
    this.watches.push(ack)
    return this
  }
  connect(): this {
    this.connected = true
    return this
  }
  disconnect(): this {
    this.connected = false
    this.fire('disconnect')
    return this
  }
  fire(event: string, arg?: unknown): void {
    this.listeners.get(event)?.(arg)
  }
}

const A = 'http://127.0.0.1:4000'
const B = 'https://noom.example.org'

function setup() {
  const sockets: FakeSocket[] = []
  const warn = vi.fn()
  const store = new RoomsStore((url) => {
    const socket = new FakeSocket(url)
    sockets.push(socket)
    // The fake has only what the store calls of a Socket.IO socket.
    return socket as unknown as RoomsSocket
  }, warn)
  return { store, sockets, warn, last: () => sockets[sockets.length - 1]! }
}

describe('RoomsStore', () => {
  it('is idle without a server, and connects to the one it is told to watch', () => {
    const { store, sockets, last } = setup()
    expect(store.status).toEqual({ kind: 'idle' })
    expect(sockets).toHaveLength(0)

    store.watch(A)
    expect(last().url).toBe(A)
    expect(last().connected).toBe(true)
    expect(store.status).toEqual({ kind: 'connecting' })
    expect(store.server).toBe(A)
  })

  it('shows the rooms from the watch ack once connected', () => {
    const { store, last } = setup()
    store.watch(A)
    last().fire('connect')
    expect(last().watches).toHaveLength(1)
    last().watches[0]?.({ ok: true, rooms: [demo] })
    expect(store.status).toEqual({ kind: 'connected' })
    expect(store.rooms).toEqual([demo])
  })

  it('replaces the list on rooms:changed', () => {
    const { store, last } = setup()
    store.watch(A)
    last().fire('rooms:changed', [demo, { ...demo, name: 'other' }])
    expect(store.rooms.map((r) => r.name)).toEqual(['demo', 'other'])
  })

  it('says the server is unreachable on a transport error, refused on a named refusal', () => {
    const { store, last } = setup()
    store.watch(A)
    last().fire('connect_error', new Error('websocket error'))
    expect(store.status).toEqual({ kind: 'unreachable' })
    last().fire('connect_error', new Error('origin_not_allowed'))
    expect(store.status).toEqual({ kind: 'refused', code: 'origin_not_allowed', message: '' })
  })

  it('takes the code and words of a refusal from its data, and says refused for a code it does not know', () => {
    const { store, last } = setup()
    store.watch(A)
    const refusal = (code: string) =>
      Object.assign(new Error(code), { data: { code, message: 'Not from here.' } })
    last().fire('connect_error', refusal('too_many_connections'))
    expect(store.status).toEqual({
      kind: 'refused',
      code: 'too_many_connections',
      message: 'Not from here.',
    })
    last().fire('connect_error', refusal('from_the_future'))
    expect(store.status).toEqual({ kind: 'refused', code: null, message: 'Not from here.' })
  })

  it('drops a malformed rooms:changed, keeps the good rooms of a mixed one, and warns once', () => {
    const { store, last, warn } = setup()
    store.watch(A)
    last().fire('rooms:changed', [demo])
    last().fire('rooms:changed', 'not a list')
    last().fire('rooms:changed', { length: 1, 0: demo })
    expect(store.rooms).toEqual([demo])
    last().fire('rooms:changed', [
      { ...demo, name: '<img src=x>' },
      { ...demo, participants: -1 },
      { ...demo, extra: true },
      { ...demo, name: 'x'.repeat(10_000) },
      null,
      { ...demo, name: 'fine' },
    ])
    expect(store.rooms.map((r) => r.name)).toEqual(['fine'])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toContain('rooms:changed')
  })

  it('keeps the good rooms of a watch ack, and reports an ack that makes no sense', () => {
    const { store, last } = setup()
    store.watch(A)
    last().fire('connect')
    const answer = last().watches[0] as (raw: unknown) => void
    answer({ ok: true, rooms: [demo, { name: 42 }] })
    expect(store.rooms).toEqual([demo])
    expect(store.status).toEqual({ kind: 'connected' })

    last().fire('connect')
    const garbage = last().watches[1] as (raw: unknown) => void
    garbage({ ok: 'sure', rooms: 'all of them' })
    expect(store.rooms).toEqual([demo])
    expect(store.status).toMatchObject({ kind: 'refused', code: null })
  })

  it('watches again after a reconnect', () => {
    const { store, last } = setup()
    store.watch(A)
    last().fire('connect')
    last().fire('disconnect')
    expect(store.status).toEqual({ kind: 'connecting' })
    last().fire('connect')
    expect(last().watches).toHaveLength(2)
  })

  it('reports a refused watch with the server message', () => {
    const { store, last } = setup()
    store.watch(A)
    last().fire('connect')
    last().watches[0]?.({ ok: false, error: { code: 'rate_limited', message: 'Slow down.' } })
    expect(store.status).toEqual({ kind: 'refused', code: null, message: 'Slow down.' })
  })

  it('moves to a new server: drops the old connection and list, ignores the old socket', () => {
    const { store, sockets, last } = setup()
    store.watch(A)
    const old = last()
    old.fire('connect')
    old.watches[0]?.({ ok: true, rooms: [demo] })

    store.watch(B)
    expect(sockets).toHaveLength(2)
    expect(old.connected).toBe(false)
    expect(store.rooms).toEqual([])
    expect(store.server).toBe(B)

    // Late events of the old connection change nothing.
    old.fire('rooms:changed', [demo])
    old.fire('connect_error', new Error('websocket error'))
    expect(store.rooms).toEqual([])
    expect(store.status).toEqual({ kind: 'connecting' })
  })

  it('keeps its connection when told the same server again', () => {
    const { store, sockets } = setup()
    store.watch(A)
    store.watch(A)
    expect(sockets).toHaveLength(1)
  })

  it('disconnects and goes idle on stop or an empty address', () => {
    const { store, last } = setup()
    store.watch(A)
    store.watch('')
    expect(last().connected).toBe(false)
    expect(store.status).toEqual({ kind: 'idle' })
    store.watch(A)
    store.stop()
    expect(last().connected).toBe(false)
    expect(store.server).toBe('')
  })
})

describe('roomsStatusMessage', () => {
  it('names the server in each state', () => {
    expect(roomsStatusMessage({ kind: 'idle' }, '')).toEqual({ key: 'lobby.status.idle' })
    expect(roomsStatusMessage({ kind: 'unreachable' }, A)).toEqual({
      key: 'lobby.status.unreachable',
      params: { server: A },
    })
    expect(
      roomsStatusMessage({ kind: 'refused', code: 'too_many_connections', message: '' }, A).key,
    ).toBe('lobby.status.busy')
    expect(
      roomsStatusMessage({ kind: 'refused', code: 'host_not_allowed', message: '' }, A).key,
    ).toBe('lobby.status.hostRefused')
    expect(
      roomsStatusMessage({ kind: 'refused', code: 'access_key_required', message: '' }, A),
    ).toEqual({ key: 'lobby.status.keyRefused', params: { server: A } })
    expect(roomsStatusMessage({ kind: 'refused', code: null, message: 'No.' }, A)).toEqual({
      key: 'lobby.status.refused',
      params: { server: A, message: 'No.' },
    })
  })
})
