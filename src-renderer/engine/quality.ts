/**
 * Connection quality from two getStats() samples: round-trip time of the selected candidate pair,
 * loss and bitrate of what came in between the samples.
 */
import type { Quality } from './types.js'

/** The figures quality is judged from, cumulative as getStats reports them. */
export interface StatsSample {
  at: number
  rttMs: number | null
  packetsReceived: number
  packetsLost: number
  bytesReceived: number
}

interface StatsReport {
  type: string
  kind?: string
  state?: string
  nominated?: boolean
  currentRoundTripTime?: number
  packetsReceived?: number
  packetsLost?: number
  bytesReceived?: number
}

/** Reads what quality needs from an RTCStatsReport (any map of reports). */
export function sampleStats(
  stats: { forEach(cb: (report: StatsReport) => void): void },
  at: number,
): StatsSample {
  const sample: StatsSample = {
    at,
    rttMs: null,
    packetsReceived: 0,
    packetsLost: 0,
    bytesReceived: 0,
  }
  stats.forEach((report) => {
    if (report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded') {
      if (report.currentRoundTripTime !== undefined)
        sample.rttMs = report.currentRoundTripTime * 1000
    }
    if (report.type === 'inbound-rtp') {
      sample.packetsReceived += report.packetsReceived ?? 0
      sample.packetsLost += Math.max(0, report.packetsLost ?? 0)
      sample.bytesReceived += report.bytesReceived ?? 0
    }
  })
  return sample
}

/** Quality between two samples; null when there is nothing to judge yet. */
export function judgeQuality(previous: StatsSample, current: StatsSample): Quality | null {
  const seconds = (current.at - previous.at) / 1000
  if (seconds <= 0) return null
  const received = current.packetsReceived - previous.packetsReceived
  const lost = current.packetsLost - previous.packetsLost
  const expected = received + lost
  const lossPct = expected > 0 ? (Math.max(0, lost) / expected) * 100 : null
  const bytes = current.bytesReceived - previous.bytesReceived
  const bitrateKbps = bytes >= 0 ? Math.round((bytes * 8) / seconds / 1000) : null
  const rttMs = current.rttMs === null ? null : Math.round(current.rttMs)
  return { level: levelOf(rttMs, lossPct), rttMs, lossPct, bitrateKbps }
}

function levelOf(rttMs: number | null, lossPct: number | null): Quality['level'] {
  const rtt = rttMs ?? 0
  const loss = lossPct ?? 0
  if (rtt > 400 || loss > 8) return 'poor'
  if (rtt > 150 || loss > 2) return 'fair'
  return 'good'
}

/** Two judgements say the same (level and figures). */
export function sameQuality(a: Quality | null, b: Quality | null): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    a.level === b.level &&
    a.rttMs === b.rttMs &&
    a.lossPct === b.lossPct &&
    a.bitrateKbps === b.bitrateKbps
  )
}
