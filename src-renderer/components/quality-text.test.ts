import { describe, expect, it } from 'vitest'
import { qualityMessages } from './quality-text.js'

describe('qualityMessages', () => {
  it('describes quality, with unknown figures as ?', () => {
    expect(
      qualityMessages({ level: 'fair', rttMs: 120, lossPct: 2.345, bitrateKbps: null }),
    ).toEqual({
      level: { key: 'quality.fair' },
      details: { key: 'quality.details', params: { rtt: '120', loss: '2.3', bitrate: '?' } },
    })
  })
})
