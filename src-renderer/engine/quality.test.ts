import { describe, expect, it } from 'vitest'
import { judgeQuality, sampleStats, type StatsSample } from './quality.js'

const sample = (over: Partial<StatsSample>): StatsSample => ({
  at: 0,
  rttMs: 20,
  packetsReceived: 0,
  packetsLost: 0,
  bytesReceived: 0,
  ...over,
})

describe('quality', () => {
  it('reads rtt from the selected pair and sums inbound streams', () => {
    const reports = [
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.042 },
      { type: 'candidate-pair', nominated: false, state: 'waiting', currentRoundTripTime: 9 },
      {
        type: 'inbound-rtp',
        kind: 'video',
        packetsReceived: 900,
        packetsLost: 10,
        bytesReceived: 5000,
      },
      {
        type: 'inbound-rtp',
        kind: 'audio',
        packetsReceived: 100,
        packetsLost: 0,
        bytesReceived: 1000,
      },
      { type: 'outbound-rtp', packetsSent: 5 },
    ]
    expect(sampleStats(reports, 7)).toEqual({
      at: 7,
      rttMs: 42,
      packetsReceived: 1000,
      packetsLost: 10,
      bytesReceived: 6000,
    })
  })

  it('judges loss and bitrate over the interval between samples', () => {
    const q = judgeQuality(
      sample({ at: 0, packetsReceived: 1000, packetsLost: 0, bytesReceived: 0 }),
      sample({ at: 2000, packetsReceived: 1950, packetsLost: 50, bytesReceived: 250_000 }),
    )
    expect(q).toEqual({ level: 'fair', rttMs: 20, lossPct: 5, bitrateKbps: 1000 })
  })

  it.each([
    [30, 0, 'good'],
    [200, 0, 'fair'],
    [30, 3, 'fair'],
    [500, 0, 'poor'],
    [30, 10, 'poor'],
  ] as const)('rtt %i ms and loss %i %% is %s', (rtt, lossPerHundred, level) => {
    const q = judgeQuality(
      sample({ at: 0 }),
      sample({
        at: 1000,
        rttMs: rtt,
        packetsReceived: 100 - lossPerHundred,
        packetsLost: lossPerHundred,
      }),
    )
    expect(q?.level).toBe(level)
  })

  it('has nothing to say without elapsed time', () => {
    expect(judgeQuality(sample({ at: 5 }), sample({ at: 5 }))).toBeNull()
  })
})
