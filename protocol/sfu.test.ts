import { describe, expect, it } from 'vitest'
import {
  roomMediaSchema,
  sfuCandidateSchema,
  sfuLayersSchema,
  sfuOfferSchema,
  sfuPublishSchema,
} from './sfu.js'

/** An offer's shape; the schema does not read SDP, it bounds it. */
const sdpOffer = () => ({
  type: 'offer' as const,
  sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n',
})

describe('protocol v1.2 payloads', () => {
  it('takes a browser-shaped publication with its sources', () => {
    const publish = {
      epoch: 3,
      description: sdpOffer(),
      sources: [
        { mid: '0', source: 'camera' },
        { mid: '1', source: 'camera' },
        { mid: '2', source: 'screen' },
      ],
    }
    expect(sfuPublishSchema.parse(publish)).toEqual(publish)
  })

  it('takes a subscription offer naming each line, and refuses an unknown kind', () => {
    const offer = {
      epoch: 1,
      description: sdpOffer(),
      streams: [
        { mid: '0', member: 'ann-1', source: 'camera', kind: 'audio' },
        { mid: '1', member: 'ann-1', source: 'camera', kind: 'video' },
      ],
    }
    expect(sfuOfferSchema.parse(offer)).toEqual(offer)
    const data = { ...offer, streams: [{ ...offer.streams[0], kind: 'data' }] }
    expect(sfuOfferSchema.safeParse(data).success).toBe(false)
  })

  it('takes the end of candidates and every layer, and a room media of either mode', () => {
    expect(sfuCandidateSchema.parse({ epoch: 0, target: 'subscribe', candidate: null })).toEqual({
      epoch: 0,
      target: 'subscribe',
      candidate: null,
    })
    const choices = (['high', 'medium', 'low', 'off'] as const).map((layer) => ({
      member: 'bob-2',
      source: 'camera' as const,
      layer,
    }))
    expect(sfuLayersSchema.parse({ epoch: 2, choices }).choices).toHaveLength(4)
    expect(roomMediaSchema.parse({ mode: 'sfu', epoch: 5 })).toEqual({ mode: 'sfu', epoch: 5 })
    expect(roomMediaSchema.safeParse({ mode: 'p2p', epoch: 5 }).success).toBe(false)
  })
})
