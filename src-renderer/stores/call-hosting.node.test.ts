import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LocalMediaEvents, LocalMediaPort, LocalTracks } from '../engine/media-types.js'
import { SignalingClient } from '../engine/signaling.js'
import type { JoinOptions } from '../engine/types.js'
import {
  Rendezvous,
  closeAll,
  fakeCameraStream,
  fakeRemotes,
  testConnect,
} from '../engine/test-kit.node.js'
import { CallStore } from './call.svelte.js'
import { ChatStore } from './chat.svelte.js'

afterEach(closeAll)

const NO_TRACKS: LocalTracks = { audio: null, video: null, screen: null, screenAudio: null }

/** Local media without devices: switches that switch (Node has no tracks). */
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

function store(onKnock = vi.fn()) {
  const { connect } = testConnect()
  const media = new FakeMedia()
  const call = new CallStore({
    media,
    chat: new ChatStore(),
    createMeter: () => null,
    relayOnly: () => false,
    createSignaling: (server) => new SignalingClient(server, { connect, warn: () => {} }),
    engine: { ...fakeRemotes(), warn: () => {} },
    onKnock,
  })
  return { call, media, onKnock }
}

/** Joins; resolves once in the call (or refused). */
function join(call: CallStore, url: string, nickname: string, over: Partial<JoinOptions> = {}) {
  return call.join({ server: url, room: 'demo', nickname, ...over })
}

/** A host (Ann) in a knock room and a knocker (Bo) waiting for her answer. */
async function knocking() {
  const server = await Rendezvous.start()
  const ann = store()
  expect(await join(ann.call, server.url, 'Ann', { admission: 'knock' })).toBe(true)
  const bo = store()
  const joined = join(bo.call, server.url, 'Bo')
  await vi.waitFor(() => expect(bo.call.phase).toBe('waiting'))
  await vi.waitFor(() => expect(ann.call.hosting.knocks.map((k) => k.nickname)).toEqual(['Bo']))
  return { server, ann, bo, joined }
}

/** Ann hosts, Bo is a member of an open room. */
async function twoInCall() {
  const server = await Rendezvous.start()
  const ann = store()
  expect(await join(ann.call, server.url, 'Ann')).toBe(true)
  const bo = store()
  expect(await join(bo.call, server.url, 'Bo')).toBe(true)
  await vi.waitFor(() => expect(ann.call.participants).toHaveLength(2))
  const boId = bo.call.participants[0]!.id
  return { server, ann, bo, boId }
}

describe('CallStore hosting against a real server', () => {
  it('makes the creator host and the next one a member, with their roles in the views', async () => {
    const { ann, bo } = await twoInCall()
    expect(ann.call.isHost).toBe(true)
    expect(bo.call.isHost).toBe(false)
    expect(bo.call.participants.map((p) => [p.nickname, p.role])).toEqual([
      ['Bo', 'member'],
      ['Ann', 'host'],
    ])
  })

  it('holds a knocker in "waiting" until the host admits them, and tells the host at once', async () => {
    const { ann, bo, joined } = await knocking()
    expect(ann.onKnock).toHaveBeenCalledWith(expect.objectContaining({ nickname: 'Bo' }), 'demo')
    expect(await ann.call.hosting.admit(ann.call.hosting.knocks[0]!.id)).toBe(true)
    expect(await joined).toBe(true)
    expect(bo.call.phase).toBe('in-call')
    expect(ann.call.hosting.knocks).toEqual([])
    await vi.waitFor(() =>
      expect(ann.call.participants.map((p) => p.nickname)).toEqual(['Ann', 'Bo']),
    )
  })

  it('ends a denied knock with "denied"', async () => {
    const { ann, bo, joined } = await knocking()
    await ann.call.hosting.deny(ann.call.hosting.knocks[0]!.id)
    expect(await joined).toBe(false)
    expect(bo.call.failure?.code).toBe('denied')
  })

  it('withdraws the knock when the knocker cancels: the host no longer sees it', async () => {
    const { ann, bo, joined } = await knocking()
    await bo.call.leave()
    expect(await joined).toBe(false)
    await vi.waitFor(() => expect(ann.call.hosting.knocks).toEqual([]))
  })

  it('admits everyone waiting with Admit all', async () => {
    const { server, ann, joined } = await knocking()
    const cy = store()
    const cyJoined = join(cy.call, server.url, 'Cy')
    await vi.waitFor(() => expect(ann.call.hosting.knocks).toHaveLength(2))
    expect(await ann.call.hosting.admitAll()).toBe(true)
    expect(await joined).toBe(true)
    expect(await cyJoined).toBe(true)
  })

  it("turns a muted member's microphone off on their side and says who did it", async () => {
    const { ann, bo, boId } = await twoInCall()
    expect(await ann.call.hosting.mute(boId, 'audio')).toBe(true)
    await vi.waitFor(() => expect(bo.call.micOn).toBe(false))
    expect(bo.media.micEnabled).toBe(false)
    expect(bo.call.notice).toEqual({ key: 'notice.mutedBy.audio', params: { by: 'Ann' } })
    await vi.waitFor(() => expect(ann.call.participants[1]?.media.audio).toBe(false))
    // The member may turn it on again.
    bo.call.setMic(true)
    await vi.waitFor(() => expect(ann.call.participants[1]?.media.audio).toBe(true))
  })

  it("turns a muted member's camera off", async () => {
    const { ann, bo, boId } = await twoInCall()
    await ann.call.hosting.mute(boId, 'video')
    await vi.waitFor(() => expect(bo.call.cameraOn).toBe(false))
    expect(bo.call.notice?.key).toBe('notice.mutedBy.video')
  })

  it('ends a removed member\'s call with "removed", naming the host', async () => {
    const { ann, bo, boId } = await twoInCall()
    expect(await ann.call.hosting.remove(boId)).toBe(true)
    await vi.waitFor(() => expect(bo.call.phase).toBe('failed'))
    expect(bo.call.failure).toEqual({ code: 'removed', by: 'Ann' })
    await vi.waitFor(() => expect(ann.call.participants).toHaveLength(1))
  })

  it('refuses host actions to a member, as a notice', async () => {
    const { ann, bo } = await twoInCall()
    const annId = ann.call.participants[0]!.id
    expect(await bo.call.hosting.mute(annId, 'audio')).toBe(false)
    expect(bo.call.notice).toEqual({ key: 'failure.forbidden' })
    expect(ann.call.micOn).toBe(true)
  })

  it('promotes a member to host, and hands over when the last host leaves', async () => {
    const { server, ann, bo, boId } = await twoInCall()
    expect(await ann.call.hosting.promote(boId)).toBe(true)
    await vi.waitFor(() => expect(bo.call.isHost).toBe(true))
    const cy = store()
    expect(await join(cy.call, server.url, 'Cy')).toBe(true)
    await bo.call.leave()
    await ann.call.leave()
    await vi.waitFor(() => expect(cy.call.isHost).toBe(true))
  })

  it('changes the room for everyone: lock it, and new joins get "room_closed"', async () => {
    const { server, ann, bo } = await twoInCall()
    expect(await ann.call.hosting.updateRoom({ admission: 'closed' })).toBe(true)
    expect(ann.call.room?.admission).toBe('closed')
    await vi.waitFor(() => expect(bo.call.room?.admission).toBe('closed'))
    const cy = store()
    expect(await join(cy.call, server.url, 'Cy')).toBe(false)
    expect(cy.call.failure?.code).toBe('room_closed')
  })
})
