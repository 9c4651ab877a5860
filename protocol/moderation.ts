/**
 * Payloads of protocol v1.1 (hosts, admission, moderation), with their schemas. Objects are strict,
 * as in schemas.ts.
 */
import { z } from 'zod'
import {
  admissionSchema,
  iceServerSchema,
  memberIdSchema,
  nicknameSchema,
  passwordSchema,
  roomInfoSchema,
  roomNameSchema,
  visibilitySchema,
} from './schemas.js'

/** Knock ids are opaque and made by the server; they are not member ids. */
export const knockIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)

/** A source of a member's media, as `member:mute` names it. */
export const mediaKindSchema = z.enum(['audio', 'video', 'screen'])
export type MediaKind = z.infer<typeof mediaKindSchema>

// ── client → server payloads ────────────────────────────────────────────────────────────────────

/** `password: null` clears the password; a string sets or changes it. At least one key. */
export const roomUpdateSchema = z
  .strictObject({
    admission: admissionSchema.optional(),
    visibility: visibilitySchema.optional(),
    password: passwordSchema.nullable().optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'must change at least one setting')
export type RoomUpdate = z.infer<typeof roomUpdateSchema>

export const knockAnswerSchema = z.strictObject({ id: knockIdSchema, admit: z.boolean() })
export type KnockAnswer = z.infer<typeof knockAnswerSchema>

/** `member:remove` and `member:promote`: the member acted on. */
export const memberTargetSchema = z.strictObject({ id: memberIdSchema })
export type MemberTarget = z.infer<typeof memberTargetSchema>

export const memberMuteSchema = z.strictObject({ id: memberIdSchema, kind: mediaKindSchema })
export type MemberMute = z.infer<typeof memberMuteSchema>

// ── server → client payloads ────────────────────────────────────────────────────────────────────

/** To a knocker while its `room:join` is held: nothing about the room but the name it asked for. */
export const roomWaitingSchema = z.strictObject({ room: roomNameSchema })
export type RoomWaiting = z.infer<typeof roomWaitingSchema>

export const knockRequestSchema = z.strictObject({ id: knockIdSchema, nickname: nicknameSchema })
export type KnockRequest = z.infer<typeof knockRequestSchema>

export const knockOutcomeSchema = z.enum(['admitted', 'denied', 'withdrawn', 'expired'])
export type KnockOutcome = z.infer<typeof knockOutcomeSchema>

export const knockResolvedSchema = z.strictObject({
  id: knockIdSchema,
  outcome: knockOutcomeSchema,
})
export type KnockResolved = z.infer<typeof knockResolvedSchema>

/** To a removed member, whose seat has ended: `by` is the host's nickname. */
export const roomRemovedSchema = z.strictObject({ by: nicknameSchema })
export type RoomRemoved = z.infer<typeof roomRemovedSchema>

/** To the member a host muted: which source, and the host's nickname. */
export const memberMutedSchema = z.strictObject({ kind: mediaKindSchema, by: nicknameSchema })
export type MemberMuted = z.infer<typeof memberMutedSchema>

// ── ack results ─────────────────────────────────────────────────────────────────────────────────

export const roomUpdateResultSchema = z.strictObject({ room: roomInfoSchema })
export type RoomUpdateResult = z.infer<typeof roomUpdateResultSchema>

export const iceRefreshResultSchema = z.strictObject({ iceServers: z.array(iceServerSchema) })
export type IceRefreshResult = z.infer<typeof iceRefreshResultSchema>
