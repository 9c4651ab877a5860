import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LocalMediaEvents, LocalMediaPort, LocalTracks } from '../engine/media-types.js'
import { SignalingClient } from '../engine/signaling.js'
import {
  Rendezvous,
  closeAll,
  dropConnection,
  FakeRemote,
  fakeCameraStream,
  fakeRemotes,
  rawMember,
  testConnect,
  type ClientSocket,
} from '../engine/test-kit.node.js'
import { CallStore, type CallStoreDeps } from './call.svelte.js'
import { ChatStore } from './chat.svelte.js'

afterEach(closeAll)

const NO_TRACKS: LocalTracks = { audio: null, video: null, screen: null, screenAudio: null }

/** Local media without devices: switches that switch, and no tracks (Node has none). */
class FakeMedia implements LocalMediaPort {
  readonly preview = fakeCameraStream
  readonly tracks: LocalTracks = NO_TRACKS
  micEnabled = true
  cameraEnabled = true
  setMicEnabled(on: boolean): void {
    this.micEnabled = on
  }
  setCameraEnabled(on: boolean): Promise<null> {
    this.cameraEnabled = on
    return Promise.resolve(null)
  }
  startScreenShare(): Promise<null> {
    return Promise.resolve(null)
  }
  stopScreenShare(): void {}
  stop(): void {}
  on<K extends keyof LocalMediaEvents>(_event: K, _listener: LocalMediaEvents[K]): () => void {
    return () => {}
  }
}

function newCallStore(engine: CallStoreDeps['engine'] = fakeRemotes()) {
  const { connect, sockets } = testConnect()
  const onRenamed = vi.fn()
  const call = new CallStore({
    media: new FakeMedia(),
    chat: new ChatStore(),
    createMeter: () => null,
    relayOnly: () => false,
    createSignaling: (server) => new SignalingClient(server, { connect, warn: () => {} }),
    engine: { ...engine, warn: () => {} },
    onRenamed,
  })
  return { call, sockets, onRenamed }
}

async function callStore(url: string) {
  const made = newCallStore()
  expect(await made.call.join({ server: url, room: 'demo', nickname: 'Ann' })).toBe(true)
  return made
}

function names(call: CallStore): string[] {
  return call.participants.map((p) => (p.self ? `${p.nickname} (self)` : p.nickname))
}

/** The next `peer:updated` that names `nickname` (the joiner's own media update may come first). */
function nextUpdate(client: ClientSocket, nickname: string): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (participant: { nickname: string }) => {
      if (participant.nickname !== nickname) return
      client.off('peer:updated', listener)
      resolve(participant)
    }
    client.on('peer:updated', listener)
  })
}

describe('CallStore against a real server', () => {
  it('renders the call once the connections to the members already there are up', async () => {
    const server = await Rendezvous.start()
    await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    let connect = () => {}
    const up = new Promise<void>((resolve) => (connect = resolve))
    const made: FakeRemote[] = []
    const { call } = newCallStore({
      createRemote: (options) => {
        const remote = new FakeRemote(options)
        remote.up = up
        made.push(remote)
        return remote
      },
    })
    const joined = call.join({ server: server.url, room: 'demo', nickname: 'Ann' })
    await vi.waitFor(() => expect(made).toHaveLength(1))
    // Seated, the connection to Bo made, but nothing rendered while it comes up.
    expect(call.phase).toBe('joining')
    expect(call.participants).toEqual([])
    connect()
    expect(await joined).toBe(true)
    expect(call.phase).toBe('in-call')
    expect(names(call)).toEqual(['Ann (self)', 'Bo'])
  })

  it('joins with ourselves first, and follows the others as they come, rename and go', async () => {
    const server = await Rendezvous.start()
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const { call } = await callStore(server.url)
    expect(call.phase).toBe('in-call')
    expect(call.room?.name).toBe('demo')
    expect(names(call)).toEqual(['Ann (self)', 'Bo'])

    await bo.client.emitWithAck('profile:update', { nickname: 'Bob' })
    await vi.waitFor(() => expect(names(call)).toEqual(['Ann (self)', 'Bob']))
    await bo.client.emitWithAck('room:leave', {})
    await vi.waitFor(() => expect(names(call)).toEqual(['Ann (self)']))
  })

  it('renames: our tile and list show the new name at once, the others hear it, the app remembers it', async () => {
    const server = await Rendezvous.start()
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const { call, onRenamed } = await callStore(server.url)
    const updated = nextUpdate(bo.client, 'Annie')
    expect(await call.rename('Annie')).toBeNull()
    expect(names(call)).toEqual(['Annie (self)', 'Bo'])
    expect(onRenamed).toHaveBeenCalledExactlyOnceWith('Annie')
    expect(await updated).toMatchObject({ nickname: 'Annie' })
  })

  it('says in words why a rename did not happen, and remembers nothing', async () => {
    const server = await Rendezvous.start()
    const { call, onRenamed } = await callStore(server.url)
    expect(await call.rename('  ')).toEqual({ key: 'form.error.empty' })
    expect(await call.rename('A'.repeat(40))).toEqual({
      key: 'form.error.tooLong',
      params: { max: 32 },
    })
    await server.stop()
    await vi.waitFor(() => expect(call.phase).toBe('reconnecting'))
    expect(await call.rename('Annie')).toEqual({ key: 'participants.renameError.offline' })
    expect(names(call)).toEqual(['Ann (self)'])
    expect(onRenamed).not.toHaveBeenCalled()
  })

  it('counts a media update that could not be sent', async () => {
    const server = await Rendezvous.start()
    const { call } = await callStore(server.url)
    expect(call.sendFailures).toEqual({ signal: 0, media: 0, bitrate: 0 })
    await server.stop()
    await vi.waitFor(() => expect(call.phase).toBe('reconnecting'))
    call.toggleMic()
    await vi.waitFor(() => expect(call.sendFailures.media).toBe(1))
  })

  it('stays in the call through a dropped connection, with the same people', async () => {
    const server = await Rendezvous.start()
    await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const { call, sockets } = await callStore(server.url)
    const before = call.participants.map((p) => p.id)
    dropConnection(sockets[0])
    await vi.waitFor(() => expect(call.notice).toEqual({ key: 'notice.reconnecting' }))
    await vi.waitFor(() => expect(call.phase).toBe('in-call'))
    expect(call.participants.map((p) => p.id)).toEqual(before)
    expect(call.notice).toBeNull()
  })
})
