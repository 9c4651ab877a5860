/**
 * Everything the server sends, checked before anyone sees it: each server→client event and each
 * ack is parsed with protocol's schemas. What fails is dropped (it never reaches a store) and logged
 * once per event name, so a broken or hostile server cannot flood the console either.
 *
 * Lists are read entry by entry: a room list or a join ack with one bad entry keeps the good ones.
 */
import { z } from 'zod'
import {
  LIMITS,
  ackSchema,
  chatMessageSchema,
  chatSendResultSchema,
  describeIssue,
  emptySchema,
  iceRefreshResultSchema,
  iceServerSchema,
  joinResultSchema,
  knockRequestSchema,
  knockResolvedSchema,
  memberMutedSchema,
  participantSchema,
  peerLeftSchema,
  roomInfoSchema,
  roomMediaSchema,
  roomRemovedSchema,
  roomSummarySchema,
  roomUpdateResultSchema,
  roomWaitingSchema,
  roomsWatchResultSchema,
  serverNoticeSchema,
  sfuOfferSchema,
  sfuPublishResultSchema,
  sfuSubscribeResultSchema,
  signalEventSchema,
  type Ack,
  type ClientEvent,
  type ClientResult,
  type ServerEvent,
  type ServerToClientEvents,
} from '../../protocol/index.js'
import { ACK_SAMPLES, EVENT_SAMPLES } from './inbound-warm.js'

/** The payload a server event carries. */
export type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0]

/** A schema for every server event: adding one to protocol without a schema here fails to compile. */
type EventSchemas = { [E in ServerEvent]: z.ZodType<ServerPayload<E>> }
/** The same for the ack of every client event. */
type AckSchemas = { [E in ClientEvent]: z.ZodType<Ack<ClientResult<E>>> }

/** ICE servers go straight into RTCPeerConnection, which throws on a URL it cannot use. */
const usableIceServer = iceServerSchema.refine((server) =>
  (Array.isArray(server.urls) ? server.urls : [server.urls]).every((url) =>
    /^(stun|turns?):[^\s]+$/.test(url),
  ),
)
const MAX_ICE_SERVERS = 32

export type Warn = (message: string) => void

const consoleWarn: Warn = (message) => console.warn(message)

/** The acks of protocol v1.2's SFU requests. */
const SFU_ACKS = {
  'sfu:publish': ackSchema(sfuPublishResultSchema),
  'sfu:subscribe': ackSchema(sfuSubscribeResultSchema),
  'sfu:answer': ackSchema(emptySchema),
  'sfu:candidate': ackSchema(emptySchema),
  'sfu:layers': ackSchema(emptySchema),
}

export class Inbound {
  readonly #warn: Warn
  readonly #warned = new Set<string>()
  readonly #events: EventSchemas
  readonly #acks: AckSchemas
  /** Entries left out of lists during the parse in progress (parses are synchronous). */
  #dropped = 0

  constructor(warn: Warn = consoleWarn) {
    this.#warn = warn
    const listOf = <T>(item: z.ZodType<T>, max: number) =>
      z
        .array(z.unknown())
        .max(max)
        .transform((entries) =>
          entries.flatMap((entry) => {
            const parsed = item.safeParse(entry)
            if (parsed.success) return [parsed.data]
            this.#dropped++
            return []
          }),
        )
    const rooms = listOf(roomSummarySchema, LIMITS.roomListMax)
    this.#events = {
      'peer:joined': participantSchema,
      'peer:left': peerLeftSchema,
      'peer:updated': participantSchema,
      'chat:message': chatMessageSchema,
      signal: signalEventSchema,
      'rooms:changed': rooms,
      'server:notice': serverNoticeSchema,
      'room:updated': roomInfoSchema,
      'room:waiting': roomWaitingSchema,
      'knock:request': knockRequestSchema,
      'knock:resolved': knockResolvedSchema,
      'room:removed': roomRemovedSchema,
      'member:muted': memberMutedSchema,
      'room:media': roomMediaSchema,
      'sfu:offer': sfuOfferSchema,
    }
    const join = joinResultSchema.extend({
      peers: listOf(participantSchema, LIMITS.sfuCapacityMax),
      history: listOf(chatMessageSchema, LIMITS.historySize),
      iceServers: listOf(usableIceServer, MAX_ICE_SERVERS),
    })
    this.#acks = {
      'room:join': ackSchema(join),
      'room:leave': ackSchema(emptySchema),
      'chat:send': ackSchema(chatSendResultSchema),
      'signal:send': ackSchema(emptySchema),
      'media:update': ackSchema(emptySchema),
      'profile:update': ackSchema(emptySchema),
      'rooms:watch': ackSchema(roomsWatchResultSchema.extend({ rooms })),
      'rooms:unwatch': ackSchema(emptySchema),
      'room:update': ackSchema(roomUpdateResultSchema),
      'knock:answer': ackSchema(emptySchema),
      'member:remove': ackSchema(emptySchema),
      'member:mute': ackSchema(emptySchema),
      'member:promote': ackSchema(emptySchema),
      'ice:refresh': ackSchema(
        iceRefreshResultSchema.extend({ iceServers: listOf(usableIceServer, MAX_ICE_SERVERS) }),
      ),
      ...SFU_ACKS,
    }
  }

  /** The server events there are, to listen for each. */
  get events(): ServerEvent[] {
    return Object.keys(this.#events) as ServerEvent[]
  }

  /** `raw` as the payload of `event`, or null when it is not one. */
  event<E extends ServerEvent>(event: E, raw: unknown): ServerPayload<E> | null {
    const schema: z.ZodType<ServerPayload<E>> = this.#events[event]
    return this.#decode(event, schema, raw)
  }

  /** `raw` as the ack of `event`, or null when it is not one. */
  ack<E extends ClientEvent>(event: E, raw: unknown): Ack<ClientResult<E>> | null {
    const schema: z.ZodType<Ack<ClientResult<E>>> = this.#acks[event]
    return this.#decode(`${event} ack`, schema, raw)
  }

  #decode<T>(name: string, schema: z.ZodType<T>, raw: unknown): T | null {
    this.#dropped = 0
    const parsed = schema.safeParse(raw)
    if (!parsed.success) {
      this.#warnOnce(name, describeIssue(parsed.error))
      return null
    }
    if (this.#dropped > 0) this.#warnOnce(name, `${this.#dropped} malformed entries left out`)
    return parsed.data
  }

  /** Parses the samples of what a call's set-up decodes first, ahead of it (inbound-warm.ts). */
  warm(): void {
    const parse = (schema: z.ZodType, samples: unknown[] = []) => {
      for (const sample of samples) schema.safeParse(sample)
    }
    for (const event of this.events) parse(this.#events[event], EVENT_SAMPLES[event])
    for (const event of Object.keys(this.#acks) as ClientEvent[]) {
      parse(this.#acks[event], ACK_SAMPLES[event])
    }
  }

  #warnOnce(name: string, detail: string): void {
    if (this.#warned.has(name)) return
    this.#warned.add(name)
    this.#warn(
      `noom: ignored a malformed "${name}" from the server (${detail}); ` +
        'more like it are ignored without a word',
    )
  }
}
