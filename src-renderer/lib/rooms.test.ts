import { describe, expect, it } from 'vitest'
import type { AckCallback, RoomSummary, RoomsWatchResult } from '../../protocol/index.js'
import { RoomsStore, type RoomsSocket } from './rooms.svelte.js'

const demo: RoomSummary = { name: 'demo', participants: 1, capacity: 8, locked: false }

/** A socket that records listeners and watch requests, driven by the test. */
class FakeSocket implements RoomsSocket {
  readonly listeners = new Map<string, (arg?: unknown) => void>()
  readonly watches: AckCallback<RoomsWatchResult>[] = []
  connected = false

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
    return this
  }
  fire(event: string, arg?: unknown): void {
    this.listeners.get(event)?.(arg)
  }
}

const ORIGIN = 'http://127.0.0.1:4000'

describe('RoomsStore', () => {
  it('is connecting until the watch is answered, then shows the rooms from the ack', () => {
    const socket = new FakeSocket()
    const store = new RoomsStore(socket, ORIGIN)
    store.start()
    expect(socket.connected).toBe(true)
    expect(store.statusText).toBe('Connecting…')

    socket.fire('connect')
    expect(socket.watches).toHaveLength(1)
    socket.watches[0]?.({ ok: true, rooms: [demo] })
    expect(store.statusText).toBe('Connected')
    expect(store.rooms).toEqual([demo])
  })

  it('replaces the list on rooms:changed', () => {
    const socket = new FakeSocket()
    const store = new RoomsStore(socket, ORIGIN)
    socket.fire('rooms:changed', [demo, { ...demo, name: 'other' }])
    expect(store.rooms.map((r) => r.name)).toEqual(['demo', 'other'])
  })

  it('names the server it cannot reach', () => {
    const socket = new FakeSocket()
    const store = new RoomsStore(socket, ORIGIN)
    socket.fire('connect_error', new Error('xhr poll error'))
    expect(store.statusText).toBe(`Can't reach the Noom server at ${ORIGIN}. Is it running?`)
  })

  it('watches again after a reconnect', () => {
    const socket = new FakeSocket()
    const store = new RoomsStore(socket, ORIGIN)
    socket.fire('connect')
    socket.fire('disconnect')
    expect(store.statusText).toBe('Connecting…')
    socket.fire('connect')
    expect(socket.watches).toHaveLength(2)
  })

  it('reports a refused watch with the server message', () => {
    const socket = new FakeSocket()
    const store = new RoomsStore(socket, ORIGIN)
    socket.fire('connect')
    socket.watches[0]?.({ ok: false, error: { code: 'rate_limited', message: 'Slow down.' } })
    expect(store.status).toEqual({ kind: 'refused', message: 'Slow down.' })
  })

  it('disconnects on stop', () => {
    const socket = new FakeSocket()
    const store = new RoomsStore(socket, ORIGIN)
    store.start()
    store.stop()
    expect(socket.connected).toBe(false)
  })
})
