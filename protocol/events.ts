/**
 * The event maps of protocol v1.2, one per direction. Event names are spelled here and nowhere else:
 * server and renderer type their sockets with these maps.
 */
import type { AckCallback } from './errors.js'
import type {
  ChatMessage,
  ChatSend,
  ChatSendResult,
  Empty,
  JoinRequest,
  JoinResult,
  MediaUpdate,
  Participant,
  PeerLeft,
  ProfileUpdate,
  RoomInfo,
  RoomSummary,
  RoomsWatchResult,
  ServerNotice,
  SignalEvent,
  SignalSend,
} from './schemas.js'
import {
  chatSendSchema,
  emptySchema,
  joinRequestSchema,
  mediaUpdateSchema,
  profileUpdateSchema,
  signalSendSchema,
} from './schemas.js'
import type { RateFamily } from './limits.js'
import type {
  IceRefreshResult,
  KnockAnswer,
  KnockRequest,
  KnockResolved,
  MemberMute,
  MemberMuted,
  MemberTarget,
  RoomRemoved,
  RoomUpdate,
  RoomUpdateResult,
  RoomWaiting,
} from './moderation.js'
import {
  knockAnswerSchema,
  memberMuteSchema,
  memberTargetSchema,
  roomUpdateSchema,
} from './moderation.js'
import type {
  RoomMedia,
  SfuAnswer,
  SfuCandidate,
  SfuLayers,
  SfuOffer,
  SfuPublish,
  SfuPublishResult,
  SfuSubscribe,
  SfuSubscribeResult,
} from './sfu.js'
import {
  sfuAnswerSchema,
  sfuCandidateSchema,
  sfuLayersSchema,
  sfuPublishSchema,
  sfuSubscribeSchema,
} from './sfu.js'

export interface ClientToServerEvents {
  'room:join': (payload: JoinRequest, ack: AckCallback<JoinResult>) => void
  'room:leave': (payload: Empty, ack: AckCallback) => void
  'chat:send': (payload: ChatSend, ack: AckCallback<ChatSendResult>) => void
  'signal:send': (payload: SignalSend, ack: AckCallback) => void
  'media:update': (payload: MediaUpdate, ack: AckCallback) => void
  'profile:update': (payload: ProfileUpdate, ack: AckCallback) => void
  'rooms:watch': (payload: Empty, ack: AckCallback<RoomsWatchResult>) => void
  'rooms:unwatch': (payload: Empty, ack: AckCallback) => void
  // v1.1: host actions (a member gets `forbidden`), and ICE servers afresh for any member.
  'room:update': (payload: RoomUpdate, ack: AckCallback<RoomUpdateResult>) => void
  'knock:answer': (payload: KnockAnswer, ack: AckCallback) => void
  'member:remove': (payload: MemberTarget, ack: AckCallback) => void
  'member:mute': (payload: MemberMute, ack: AckCallback) => void
  'member:promote': (payload: MemberTarget, ack: AckCallback) => void
  'ice:refresh': (payload: Empty, ack: AckCallback<IceRefreshResult>) => void
  // v1.2: media through the SFU, for members of a room on one (docs/sfu.md).
  'sfu:publish': (payload: SfuPublish, ack: AckCallback<SfuPublishResult>) => void
  'sfu:subscribe': (payload: SfuSubscribe, ack: AckCallback<SfuSubscribeResult>) => void
  'sfu:answer': (payload: SfuAnswer, ack: AckCallback) => void
  'sfu:candidate': (payload: SfuCandidate, ack: AckCallback) => void
  'sfu:layers': (payload: SfuLayers, ack: AckCallback) => void
}

export interface ServerToClientEvents {
  'peer:joined': (participant: Participant) => void
  'peer:left': (event: PeerLeft) => void
  'peer:updated': (participant: Participant) => void
  'chat:message': (message: ChatMessage) => void
  signal: (event: SignalEvent) => void
  'rooms:changed': (rooms: RoomSummary[]) => void
  'server:notice': (notice: ServerNotice) => void
  // v1.1
  'room:updated': (room: RoomInfo) => void
  'room:waiting': (event: RoomWaiting) => void
  'knock:request': (knock: KnockRequest) => void
  'knock:resolved': (event: KnockResolved) => void
  'room:removed': (event: RoomRemoved) => void
  'member:muted': (event: MemberMuted) => void
  // v1.2
  'room:media': (media: RoomMedia) => void
  'sfu:offer': (offer: SfuOffer) => void
}

export type ClientEvent = keyof ClientToServerEvents
export type ServerEvent = keyof ServerToClientEvents

/** The payload schema and rate-limit family of every client event. */
export const CLIENT_EVENTS = {
  'room:join': { schema: joinRequestSchema, family: 'join' },
  'room:leave': { schema: emptySchema, family: 'join' },
  'chat:send': { schema: chatSendSchema, family: 'chat' },
  'signal:send': { schema: signalSendSchema, family: 'signal' },
  'media:update': { schema: mediaUpdateSchema, family: 'update' },
  'profile:update': { schema: profileUpdateSchema, family: 'update' },
  'rooms:watch': { schema: emptySchema, family: 'join' },
  'rooms:unwatch': { schema: emptySchema, family: 'join' },
  'room:update': { schema: roomUpdateSchema, family: 'host' },
  'knock:answer': { schema: knockAnswerSchema, family: 'host' },
  'member:remove': { schema: memberTargetSchema, family: 'host' },
  'member:mute': { schema: memberMuteSchema, family: 'host' },
  'member:promote': { schema: memberTargetSchema, family: 'host' },
  'ice:refresh': { schema: emptySchema, family: 'update' },
  'sfu:publish': { schema: sfuPublishSchema, family: 'sfu' },
  'sfu:subscribe': { schema: sfuSubscribeSchema, family: 'sfu' },
  'sfu:answer': { schema: sfuAnswerSchema, family: 'sfu' },
  'sfu:candidate': { schema: sfuCandidateSchema, family: 'sfu' },
  'sfu:layers': { schema: sfuLayersSchema, family: 'sfu' },
} as const satisfies Record<ClientEvent, { schema: unknown; family: RateFamily }>

/** The payload type a client event carries. */
export type ClientPayload<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0]
/** The success result (without `ok`) a client event's ack carries. */
export type ClientResult<E extends ClientEvent> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer R> ? R : never
