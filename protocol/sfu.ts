/**
 * Payloads of protocol v1.2 (rooms on an SFU, docs/sfu.md), with their schemas. A member reaches
 * Janus only through these, on its one Socket.IO connection: it publishes its media with an offer
 * the server hands to Janus, and receives everyone else's through one subscription Janus offers.
 * Objects are strict, as in schemas.ts.
 */
import { z } from 'zod'
import { LIMITS } from './limits.js'
import { iceCandidateSchema, memberIdSchema, sessionDescriptionSchema } from './schemas.js'

/** Which move of the room's media a request is for; a new one at every move. */
export const epochSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)

/** How a room's media goes: peer to peer between every two members, or through the SFU. */
export const mediaModeSchema = z.enum(['mesh', 'sfu'])
export type MediaMode = z.infer<typeof mediaModeSchema>

export const roomMediaSchema = z.strictObject({ mode: mediaModeSchema, epoch: epochSchema })
export type RoomMedia = z.infer<typeof roomMediaSchema>

/** A media line of a publication or subscription (an SDP `a=mid`; browsers use short numbers). */
export const midSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/)

export const sourceSchema = z.enum(['camera', 'screen'])
export type MediaSource = z.infer<typeof sourceSchema>

/** Which of the publisher's m-lines carries what (a camera's microphone is part of `camera`). */
export const publishSourcesSchema = z
  .array(z.strictObject({ mid: midSchema, source: sourceSchema }))
  .min(1)
  .max(8)

/** What each m-line of a subscription carries. */
export const subscribedStreamSchema = z.strictObject({
  mid: midSchema,
  member: memberIdSchema,
  source: sourceSchema,
  kind: z.enum(['audio', 'video']),
})
export type SubscribedStream = z.infer<typeof subscribedStreamSchema>

export const subscribedStreamsSchema = z
  .array(subscribedStreamSchema)
  .max(LIMITS.sfuCapacityMax * 4)

/** The simulcast layer a receiver takes of one video: `off` receives none of it. */
export const layerSchema = z.enum(['high', 'medium', 'low', 'off'])
export type Layer = z.infer<typeof layerSchema>

const offerSchema = sessionDescriptionSchema.extend({
  type: z.literal('offer'),
  sdp: z.string().min(1).max(LIMITS.sdpMax),
})
const answerSchema = sessionDescriptionSchema.extend({
  type: z.literal('answer'),
  sdp: z.string().min(1).max(LIMITS.sdpMax),
})

// ── client → server payloads ────────────────────────────────────────────────────────────────────

export const sfuPublishSchema = z.strictObject({
  epoch: epochSchema,
  description: offerSchema,
  sources: publishSourcesSchema,
})
export type SfuPublish = z.infer<typeof sfuPublishSchema>

export const sfuSubscribeSchema = z.strictObject({ epoch: epochSchema })
export type SfuSubscribe = z.infer<typeof sfuSubscribeSchema>

export const sfuAnswerSchema = z.strictObject({ epoch: epochSchema, description: answerSchema })
export type SfuAnswer = z.infer<typeof sfuAnswerSchema>

export const sfuCandidateSchema = z.strictObject({
  epoch: epochSchema,
  target: z.enum(['publish', 'subscribe']),
  /** null: the end of candidates. */
  candidate: iceCandidateSchema.nullable(),
})
export type SfuCandidate = z.infer<typeof sfuCandidateSchema>

export const sfuLayersSchema = z.strictObject({
  epoch: epochSchema,
  choices: z
    .array(z.strictObject({ member: memberIdSchema, source: sourceSchema, layer: layerSchema }))
    .min(1)
    .max(LIMITS.sfuCapacityMax * 2),
})
export type SfuLayers = z.infer<typeof sfuLayersSchema>

// ── acks and server → client payloads ───────────────────────────────────────────────────────────

export const sfuPublishResultSchema = z.strictObject({ description: answerSchema })
export type SfuPublishResult = z.infer<typeof sfuPublishResultSchema>

/** Janus's offer of everyone else's media, and what each of its m-lines carries. */
export const sfuOfferSchema = z.strictObject({
  epoch: epochSchema,
  description: offerSchema,
  streams: subscribedStreamsSchema,
})
export type SfuOffer = z.infer<typeof sfuOfferSchema>

export const sfuSubscribeResultSchema = sfuOfferSchema.omit({ epoch: true })
export type SfuSubscribeResult = z.infer<typeof sfuSubscribeResultSchema>
