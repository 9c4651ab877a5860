import { afterEach, describe, expect, it } from 'vitest'
import { SignalingError, type SignalingClient } from './signaling.js'
import {
  RecordingSignaling,
  Rendezvous,
  closeAll,
  dropConnection,
  nextEvent,
  rawMember,
  record,
  testConnect,
  type ClientSocket,
} from './test-kit.node.js'

afterEach(closeAll)

async function joined(url: string, nickname = 'Ann') {
  const { connect, sockets } = testConnect()
  const client = new RecordingSignaling(url, { connect })
  await client.connect()
  const result = await client.join({ room: 'demo', nickname })
  return { client, result, socket: sockets[0] }
}

/** Resolves once a chat message from `from` reaches `to`: all the server sent `to` before has come. */
async function flush(from: SignalingClient, to: ClientSocket): Promise<void> {
  const got = new Promise<void>((resolve) => to.once('chat:message', () => resolve()))
  await from.sendChat('flush')
  await got
}

describe('SignalingClient against a real server', () => {
  it('joins, and passes the server events on as they came', async () => {
    const server = await Rendezvous.start()
    const { client, result } = await joined(server.url)
    expect(result.self.nickname).toBe('Ann')
    const arrived = nextEvent(client, 'peer:joined')
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const [participant] = await arrived
    expect(participant).toEqual(bo.joined.self)

    const message = nextEvent(client, 'chat:message')
    await bo.client.emitWithAck('chat:send', { text: '<b>hi</b>' })
    expect((await message)[0]).toMatchObject({ from: bo.joined.self.id, text: '<b>hi</b>' })
  })

  it('resumes after a dropped socket with the same id; the others see no leave or join', async () => {
    const server = await Rendezvous.start()
    const { client, result, socket } = await joined(server.url)
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const left = record(bo.client, 'peer:left')
    const arrivals = record(bo.client, 'peer:joined')

    const back = nextEvent(client, 'rejoined')
    dropConnection(socket)
    const [again, resumed] = await back
    expect(resumed).toBe(true)
    expect(again.self.id).toBe(result.self.id)

    await flush(client, bo.client)
    expect(left).toEqual([])
    expect(arrivals).toEqual([])
  })

  it('takes its seat back from a restarted server with the same secret, under its new name', async () => {
    const server = await Rendezvous.start()
    const { client, result } = await joined(server.url)
    await client.updateProfile('Annie')

    const back = nextEvent(client, 'rejoined')
    await server.restart()
    const [again, resumed] = await back
    expect(resumed).toBe(true)
    expect(again.self).toMatchObject({ id: result.self.id, nickname: 'Annie' })
  })

  it('ends with "replaced" when its seat is resumed from elsewhere', async () => {
    const server = await Rendezvous.start()
    const { client } = await joined(server.url)
    const ended = nextEvent(client, 'ended')
    await rawMember(server.url, {
      room: 'demo',
      nickname: 'Ann',
      resume: client.lastJoin?.token ?? '',
    })
    const [error] = await ended
    expect(error.code).toBe('replaced')
    expect(client.state).toBe('closed')
  })

  it('renames: the others see peer:updated with the new name', async () => {
    const server = await Rendezvous.start()
    const { client, result } = await joined(server.url)
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const updates = record(bo.client, 'peer:updated')
    await client.updateProfile('Annie')
    await flush(client, bo.client)
    expect(updates).toEqual([{ ...result.self, nickname: 'Annie' }])
  })

  it('hands a seated member its ICE servers afresh', async () => {
    const server = await Rendezvous.start({ iceServers: [{ urls: 'stun:stun.example.org:3478' }] })
    const { client, result } = await joined(server.url)
    expect(await client.refreshIce()).toEqual(result.iceServers)
  })

  it('holds a knock until the host answers, and gives up waiting when told to', async () => {
    const server = await Rendezvous.start()
    await rawMember(server.url, { room: 'demo', nickname: 'Ann', admission: 'knock' })
    const { connect } = testConnect()
    const bo = new RecordingSignaling(server.url, { connect })
    await bo.connect()
    const waiting = nextEvent(bo, 'room:waiting')
    const outcome = bo.join({ room: 'demo', nickname: 'Bo' }).catch((err: unknown) => err)
    expect((await waiting)[0]).toEqual({ room: 'demo' })
    await bo.leave()
    expect(await outcome).toMatchObject({ code: 'cancelled' })
  })

  it('throws the server refusal as a SignalingError with its code', async () => {
    const server = await Rendezvous.start()
    const { client } = await joined(server.url)
    const error = await client.signal('nobody', { candidate: null }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SignalingError)
    expect(error).toMatchObject({ code: 'unknown_peer' })
  })

  it('says unreachable when nothing listens, refused when the origin is not allowed', async () => {
    const gone = await Rendezvous.start()
    const url = gone.url
    await gone.stop()
    const nowhere = new RecordingSignaling(url, { connect: testConnect().connect })
    await expect(nowhere.connect()).rejects.toMatchObject({ code: 'unreachable' })
    nowhere.close()

    const server = await Rendezvous.start({ allowedOrigins: ['https://friends.example'] })
    const { connect } = testConnect({ extraHeaders: { origin: 'https://evil.example' } })
    const stranger = new RecordingSignaling(server.url, { connect })
    await expect(stranger.connect()).rejects.toMatchObject({ code: 'refused' })
    stranger.close()
  })
})
