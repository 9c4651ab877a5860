import { afterEach, describe, expect, it } from 'vitest'
import { connectClient, joinedClient, startServer, stopAll } from '../../tests/support/harness.js'
import { sdpOffer } from '../../tests/support/sdp-offer.js'

afterEach(stopAll)

/** A well-formed request of each sfu:* event. */
const REQUESTS = {
  'sfu:publish': { epoch: 0, description: sdpOffer(), sources: [{ mid: '0', source: 'camera' }] },
  'sfu:subscribe': { epoch: 0 },
  'sfu:answer': { epoch: 0, description: { type: 'answer', sdp: 'v=0\r\n' } },
  'sfu:candidate': { epoch: 0, target: 'publish', candidate: null },
  'sfu:layers': { epoch: 0, choices: [{ member: 'someone', source: 'camera', layer: 'low' }] },
} as const

describe('sfu:* while every room is a mesh', () => {
  it.each(Object.entries(REQUESTS))(
    '%s from a seated member is sfu_unavailable, said in words',
    async (event, payload) => {
      const { url } = await startServer()
      const { client } = await joinedClient(url, { room: 'mesh', nickname: 'Ann' })
      // Each event with its own payload; the typed client cannot pair them in a loop.
      const emit = client.emitWithAck.bind(client) as (name: string, body: unknown) => unknown
      const ack = (await emit(event, payload)) as {
        ok: boolean
        error?: { code: string; message: string }
      }
      expect(ack).toMatchObject({ ok: false, error: { code: 'sfu_unavailable' } })
      expect(ack.error?.message).toMatch(/directly between/)
    },
  )

  it('is not_in_room from a connection without a seat', async () => {
    const { url } = await startServer()
    const client = await connectClient(url)
    const ack = await client.emitWithAck('sfu:subscribe', { epoch: 0 })
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_in_room' } })
  })
})
