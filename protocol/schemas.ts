/**
 * Zod schemas for every payload of protocol v1, with the types inferred from them. The server parses
 * every incoming payload with these; the renderer uses them to check forms and what the server sends.
 * Objects are strict: an unknown key (including `__proto__` or `constructor`) makes a payload invalid.
 */
import { z } from 'zod'
import { LIMITS } from './limits.js'
import { nicknameSchema, roomNameSchema } from './names.js'

export { nicknameSchema, roomNameSchema, type NameProblem } from './names.js'

export const passwordSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.passwordMax, `must be at most ${LIMITS.passwordMax} characters`)

/** Member ids are opaque; the server makes them URL-safe. */
export const memberIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)

export const resumeTokenSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[A-Za-z0-9_.-]+$/)

export const visibilitySchema = z.enum(['public', 'private'])
export type Visibility = z.infer<typeof visibilitySchema>

/** A host may change the room and act on its members; the room's creator is its first host. */
export const roleSchema = z.enum(['host', 'member'])
export type Role = z.infer<typeof roleSchema>

/** Who may take a seat: anyone (`open`), whoever a host lets in (`knock`), nobody new (`closed`). */
export const admissionSchema = z.enum(['open', 'knock', 'closed'])
export type Admission = z.infer<typeof admissionSchema>

export const mediaStateSchema = z.strictObject({
  audio: z.boolean(),
  video: z.boolean(),
  screen: z.boolean(),
})
export type MediaState = z.infer<typeof mediaStateSchema>

export const participantSchema = z.strictObject({
  id: memberIdSchema,
  nickname: nicknameSchema,
  media: mediaStateSchema,
  role: roleSchema,
})
export type Participant = z.infer<typeof participantSchema>

/**
 * NUL and the bidi embedding, override and isolate controls: invisible, they can make a message
 * read backwards or hide where a link really points. Chat keeps every other character as sent.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const CHAT_CONTROLS = /[\u0000\u202a-\u202e\u2066-\u2069]/gu

/** Chat text with those controls dropped (by the server on send, and again by a reader). */
const chatTextSchema = z
  .string()
  .max(LIMITS.chatTextMax, `must be at most ${LIMITS.chatTextMax} characters`)
  .transform((text) => text.replace(CHAT_CONTROLS, ''))

export const chatMessageSchema = z.strictObject({
  id: z.string().min(1).max(64),
  from: memberIdSchema,
  nickname: nicknameSchema,
  text: chatTextSchema,
  ts: z.number().int().nonnegative(),
})
export type ChatMessage = z.infer<typeof chatMessageSchema>

export const roomSummarySchema = z.strictObject({
  name: roomNameSchema,
  participants: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
  locked: z.boolean(),
  admission: admissionSchema,
})
export type RoomSummary = z.infer<typeof roomSummarySchema>

/** A room as its members see it: the join ack's `room`, and `room:updated`. */
export const roomInfoSchema = roomSummarySchema.extend({ visibility: visibilitySchema })
export type RoomInfo = z.infer<typeof roomInfoSchema>

/** The shape of RTCIceServer, as the join ack hands it out. */
export const iceServerSchema = z.strictObject({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
})
export type IceServer = z.infer<typeof iceServerSchema>

export const sessionDescriptionSchema = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(LIMITS.sdpMax).optional(),
})

/** RTCIceCandidate.toJSON(). */
export const iceCandidateSchema = z.strictObject({
  candidate: z.string().max(LIMITS.candidateMax),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1023).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
})

/**
 * What each of a peer's media streams carries. WebRTC tells a receiver a stream's id but not whether
 * it is a camera or a screen, so a sender names its streams before the offer that adds them.
 */
export const streamRolesSchema = z
  .array(
    z.strictObject({
      id: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9{}-]+$/),
      role: z.enum(['camera', 'screen']),
    }),
  )
  .max(4)
export type StreamRoles = z.infer<typeof streamRolesSchema>

/** A size on the receiver's screen, in device pixels. */
export const viewSizeSchema = z.strictObject({
  width: z.number().int().min(1).max(LIMITS.viewSizeMax),
  height: z.number().int().min(1).max(LIMITS.viewSizeMax),
})
export type ViewSize = z.infer<typeof viewSizeSchema>

/**
 * How the receiver shows the sender's camera: the size of its tile, or null when it is not shown at
 * all. The sender encodes no more than that for this receiver (and nothing for null).
 */
export const viewSchema = z.strictObject({ camera: viewSizeSchema.nullable() })

/**
 * What one peer sends another: a description, a candidate (`null` marks the end of candidates), the
 * roles of its streams, or how it shows the other's camera.
 */
export const signalPayloadSchema = z.union([
  z.strictObject({ description: sessionDescriptionSchema }),
  z.strictObject({ candidate: iceCandidateSchema.nullable() }),
  z.strictObject({ streams: streamRolesSchema }),
  z.strictObject({ view: viewSchema }),
])
export type SignalPayload = z.infer<typeof signalPayloadSchema>

// ── client → server payloads ────────────────────────────────────────────────────────────────────

export const emptySchema = z.strictObject({})
export type Empty = z.infer<typeof emptySchema>

export const joinRequestSchema = z.strictObject({
  room: roomNameSchema,
  nickname: nicknameSchema,
  password: passwordSchema.optional(),
  visibility: visibilitySchema.optional(),
  /** Used only by the room's creator, so a knock room is never open for a moment. */
  admission: admissionSchema.optional(),
  resume: resumeTokenSchema.optional(),
})
export type JoinRequest = z.infer<typeof joinRequestSchema>

export const chatSendSchema = z.strictObject({
  text: chatTextSchema.refine((s) => s.trim().length > 0, 'must not be empty'),
})
export type ChatSend = z.infer<typeof chatSendSchema>

export const signalSendSchema = z.strictObject({
  to: memberIdSchema,
  payload: signalPayloadSchema,
})
export type SignalSend = z.infer<typeof signalSendSchema>

export const mediaUpdateSchema = mediaStateSchema
export type MediaUpdate = MediaState

export const profileUpdateSchema = z.strictObject({ nickname: nicknameSchema })
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>

// ── server → client payloads ────────────────────────────────────────────────────────────────────

export const peerLeftReasonSchema = z.enum(['left', 'disconnected', 'removed'])
export type PeerLeftReason = z.infer<typeof peerLeftReasonSchema>

export const peerLeftSchema = z.strictObject({ id: memberIdSchema, reason: peerLeftReasonSchema })
export type PeerLeft = z.infer<typeof peerLeftSchema>

export const signalEventSchema = z.strictObject({
  from: memberIdSchema,
  payload: signalPayloadSchema,
})
export type SignalEvent = z.infer<typeof signalEventSchema>

export const serverNoticeSchema = z.strictObject({
  kind: z.enum(['shutdown']),
  message: z.string(),
})
export type ServerNotice = z.infer<typeof serverNoticeSchema>

// ── ack results ─────────────────────────────────────────────────────────────────────────────────

export const joinResultSchema = z.strictObject({
  self: participantSchema,
  token: resumeTokenSchema,
  peers: z.array(participantSchema),
  history: z.array(chatMessageSchema),
  iceServers: z.array(iceServerSchema),
  capacity: z.number().int().positive(),
  /** The room as it now stands (its hosts may change it later: `room:updated`). */
  room: roomInfoSchema,
})
export type JoinResult = z.infer<typeof joinResultSchema>

export const chatSendResultSchema = z.strictObject({ message: chatMessageSchema })
export type ChatSendResult = z.infer<typeof chatSendResultSchema>

/** The public rooms, largest first, as `rooms:watch` answers and `rooms:changed` pushes them. */
export const roomListSchema = z.array(roomSummarySchema).max(LIMITS.roomListMax)

export const roomsWatchResultSchema = z.strictObject({ rooms: roomListSchema })
export type RoomsWatchResult = z.infer<typeof roomsWatchResultSchema>

/** What `err.data` of a refused connection carries (see CONNECT_ERROR_CODES). */
export const connectRefusalSchema = z.strictObject({
  code: z.string().max(64),
  message: z.string().max(500),
})

/** The first issue of a failed parse, as a short sentence naming the field; quotes of input are cut short. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid payload'
  const field = issue.path.map(String).join('.').slice(0, 64)
  // Messages can quote an unrecognised key; keep whatever a client sent from growing the reply.
  const message = issue.message.slice(0, 160)
  return field ? `${field}: ${message}` : message
}
