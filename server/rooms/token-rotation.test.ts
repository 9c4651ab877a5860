// Resume tokens resume once (DESIGN.md v1.1): every resume ack carries a fresh token; a spent one
// fails and changes nothing, but for a short retry window after a lost ack.
import { afterEach, describe, expect, it } from 'vitest'
import type { Client } from '../../tests/support/harness.js'
import {
  connectClient,
  joinedClient,
  record,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A new connection resuming Bob's seat with `token`. */
async function resume(url: string, token: string) {
  const client = await connectClient(url)
  const ack = await client.emitWithAck('room:join', {
    room: 'demo',
    nickname: 'Bob',
    resume: token,
  })
  return { client, ack, id: ack.ok ? ack.self.id : null, token: ack.ok ? ack.token : '' }
}

async function room(options: { resumeRetryMs?: number } = {}) {
  const { url } = await startServer({ resumeGraceMs: 10_000, ...options })
  const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
  const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
  return { url, ann, bob, bobId: bob.joined.self.id }
}

const stillConnected = async (client: Client) => {
  await pause(100)
  return client.connected
}

describe('resume tokens', () => {
  it('gives a fresh token with every resume; the spent one fails after the retry window', async () => {
    const { url, ann, bob, bobId } = await room({ resumeRetryMs: 100 })
    bob.client.io.engine.close()
    const back = await resume(url, bob.joined.token)
    expect(back.id).toBe(bobId)
    expect(back.token).not.toBe(bob.joined.token)
    await pause(200)

    const annSaw = record(ann.client)
    const replay = await resume(url, bob.joined.token)
    expect(replay.id).not.toBe(bobId)
    // Nothing changed for the seat: its holder stays, and Ann heard of no leave.
    expect(await stillConnected(back.client)).toBe(true)
    expect(annSaw.filter((e) => e.event === 'peer:left')).toEqual([])
  })

  it('refuses a token that was rotated twice over, even within the retry window', async () => {
    const { url, bob, bobId } = await room()
    bob.client.io.engine.close()
    const first = await resume(url, bob.joined.token)
    first.client.io.engine.close()
    const second = await resume(url, first.token)
    expect(second.id).toBe(bobId)
    const stale = await resume(url, bob.joined.token)
    expect(stale.id).not.toBe(bobId)
    expect(await stillConnected(second.client)).toBe(true)
  })

  it('cannot take a live seat over with an old token; the current one can', async () => {
    const { url, bob, bobId } = await room({ resumeRetryMs: 100 })
    const moved = await resume(url, bob.joined.token)
    expect(moved.id).toBe(bobId)
    await pause(200)
    const thief = await resume(url, bob.joined.token)
    expect(thief.id).not.toBe(bobId)
    expect(await stillConnected(moved.client)).toBe(true)

    const closed = new Promise<string>((resolve) => moved.client.once('disconnect', resolve))
    const owner = await resume(url, moved.token)
    expect(owner.id).toBe(bobId)
    expect(await closed).toBe('io server disconnect')
  })

  it('lets a resume whose ack was lost retry with the same token within the window', async () => {
    const { url, bob, bobId } = await room()
    bob.client.io.engine.close()
    const lost = await resume(url, bob.joined.token)
    expect(lost.id).toBe(bobId)
    lost.client.io.engine.close() // its ack, and the token in it, never arrived
    const retry = await resume(url, bob.joined.token)
    expect(retry.id).toBe(bobId)
    expect(retry.token).not.toBe(lost.token)
    retry.client.io.engine.close()
    expect((await resume(url, retry.token)).id).toBe(bobId)
  })
})
