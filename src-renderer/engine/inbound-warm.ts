/**
 * Shaped samples of what a call's set-up decodes first: the join answer, members, signals and the
 * acks of our own sends. zod works a schema's parser out the first time it parses (zod 4.6 walks it
 * for cycles, among the rest): ~3 ms for the `signal` event alone in Node on a quiet core, far more
 * on a busy two-core page in the middle of a set-up. Parsing these once while the device check is
 * idle takes that off the set-up. They need the right shape, not valid values: a parse that fails
 * has still been worked out.
 */
import type { ClientEvent, ServerEvent } from '../../protocol/index.js'

const participant = { id: '', nickname: '', media: {}, role: '' }
const done = { ok: true }

export const EVENT_SAMPLES: Partial<Record<ServerEvent, unknown[]>> = {
  'peer:joined': [participant],
  'peer:updated': [participant],
  signal: [
    { from: '', payload: { description: {} } },
    { from: '', payload: { candidate: {} } },
    { from: '', payload: { streams: [{}] } },
  ],
}

export const ACK_SAMPLES: Partial<Record<ClientEvent, unknown[]>> = {
  'room:join': [
    {
      ok: true,
      self: participant,
      token: '',
      peers: [participant],
      history: [{}],
      iceServers: [{ urls: '' }],
      capacity: 0,
      room: {},
    },
  ],
  'signal:send': [done],
  'media:update': [done],
  'ice:refresh': [{ ok: true, iceServers: [{ urls: '' }] }],
}
