/**
 * Schemas of the bridge's payloads other than settings and the built-in server's: what the page
 * sends main (checked by main's IPC helper) and what main sends the page. Types are inferred.
 */
import { z } from 'zod'
import { roomNameSchema } from '../protocol/schemas.js'
import { accessKeySchema } from './host.js'
import { serverOriginSchema } from './server-url.js'

export const appInfoSchema = z.strictObject({
  version: z.string().max(64),
  /** `process.platform`, or `'web'` in a browser. */
  platform: z.string().max(32),
})
export type AppInfo = z.infer<typeof appInfoSchema>

/**
 * What `allowServer` answers: whether the user admitted the server (in main's own dialog, or
 * earlier), and whether the page must reload for it to be reachable.
 */
export const allowServerResultSchema = z.strictObject({
  admitted: z.boolean(),
  reload: z.boolean(),
})

/** A PNG as a data URL, or '' where the system gave none. */
const pngDataUrl = z
  .string()
  .max(8_000_000)
  .regex(/^(?:data:image\/png;base64,[A-Za-z0-9+/]*={0,2})?$/)

export const screenSourceSchema = z.strictObject({
  /** desktopCapturer's id, e.g. 'screen:0:0' or 'window:1234:0'. */
  id: z.string().min(1).max(256),
  name: z.string().max(1024),
  kind: z.enum(['screen', 'window']),
  /** A PNG data URL; '' when the system gave no thumbnail. */
  thumbnail: pngDataUrl,
  /** The window's app icon as a PNG data URL, or null (screens, or no icon). */
  appIcon: pngDataUrl.nullable(),
})
export type ScreenSource = z.infer<typeof screenSourceSchema>

/** Main's unguessable id of one open screen-share request. */
export const pickRequestIdSchema = z.string().min(1).max(64)

export const screenPickRequestSchema = z.strictObject({
  requestId: pickRequestIdSchema,
  sources: z.array(screenSourceSchema).max(1000),
  /** The system can add its own audio output to the share (Windows loopback). */
  systemAudio: z.boolean(),
})
export type ScreenPickRequest = z.infer<typeof screenPickRequestSchema>

export const screenPickChoiceSchema = z.strictObject({
  sourceId: screenSourceSchema.shape.id,
  /** Share system audio too; honoured only when the request offered it. */
  systemAudio: z.boolean(),
})
export type ScreenPickChoice = z.infer<typeof screenPickChoiceSchema>

export const mediaAccessKindSchema = z.enum(['camera', 'microphone', 'screen'])
export type MediaAccessKind = z.infer<typeof mediaAccessKindSchema>
/** The kinds the system can be asked for (the screen is granted in the system's settings only). */
export const askableMediaKindSchema = mediaAccessKindSchema.exclude(['screen'])

export const mediaAccessStatusSchema = z.enum([
  'not-determined',
  'granted',
  'denied',
  'restricted',
  'unknown',
])
export type MediaAccessStatus = z.infer<typeof mediaAccessStatusSchema>

/** Longer text is cut by main's attention service; these bounds only keep absurd payloads out. */
export const appNotificationSchema = z.strictObject({
  title: z.string().max(1000),
  body: z.string().max(10_000),
})
export type AppNotification = z.infer<typeof appNotificationSchema>

export const badgeCountSchema = z.number().int().min(0).max(1_000_000)

export const callStateSchema = z.strictObject({ inCall: z.boolean() })
export type CallState = z.infer<typeof callStateSchema>

/** A validated `noom://join/<room>?server=<origin>&key=<key>` link, as main hands it on. */
export const deepLinkSchema = z.strictObject({
  /** The room name, normalised by protocol's roomNameSchema. */
  room: roomNameSchema,
  /** The rendezvous server's origin (http or https), when the link names one. */
  server: serverOriginSchema.optional(),
  /** That server's access key (another computer's built-in server), when the link carries one. */
  key: accessKeySchema.optional(),
  /**
   * The user let this link's server in for this call only (main's dialog, its "Use this server
   * from now on" left unticked): the page uses it without saving it.
   */
  thisCallOnly: z.literal(true).optional(),
})
export type DeepLink = z.infer<typeof deepLinkSchema>
