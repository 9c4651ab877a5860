/**
 * The argument list of every renderer → main request, as a tuple schema (extra arguments are
 * refused). Main's IPC helper parses each message with its schema before anything runs.
 */
import { z } from 'zod'
import type { RequestName } from './channels.js'
import { hostOptionsSchema } from './host.js'
import {
  appNotificationSchema,
  askableMediaKindSchema,
  badgeCountSchema,
  callStateSchema,
  mediaAccessKindSchema,
  pickRequestIdSchema,
  screenPickChoiceSchema,
} from './payloads.js'
import { serverUrlSchema } from './server-url.js'
import { userSettingsSchema } from './settings.js'

export const REQUEST_SCHEMAS = {
  getInfo: z.tuple([]),
  getSettings: z.tuple([]),
  setSettings: z.tuple([userSettingsSchema]),
  allowServer: z.tuple([serverUrlSchema]),
  answerScreenPick: z.tuple([pickRequestIdSchema, screenPickChoiceSchema.nullable()]),
  getMediaAccess: z.tuple([mediaAccessKindSchema]),
  requestMediaAccess: z.tuple([askableMediaKindSchema]),
  openMediaAccessSettings: z.tuple([mediaAccessKindSchema]),
  notify: z.tuple([appNotificationSchema]),
  setBadgeCount: z.tuple([badgeCountSchema]),
  setCallState: z.tuple([callStateSchema]),
  /** Not a bridge method: the preload sends it when the page first listens for deep links. */
  deepLinkReady: z.tuple([]),
  startHost: z.tuple([hostOptionsSchema]),
  stopHost: z.tuple([]),
  getHostStatus: z.tuple([]),
} satisfies Record<RequestName, z.ZodType<unknown[]>>

/** The arguments of request `name` once parsed. */
export type RequestArgs<K extends RequestName> = z.output<(typeof REQUEST_SCHEMAS)[K]>
