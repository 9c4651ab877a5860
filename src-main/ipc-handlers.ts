// Every renderer → main request, registered through the one checking helper (ipc.ts) with the
// schema of its arguments. What each request does lives in MainServices, which index.ts builds
// from the real Electron APIs and tests build from fakes.
import { z } from 'zod'
import type { NoomBridge } from '../src-preload/bridge.js'
import { CHANNELS } from '../src-preload/channels.js'
import { hostOptionsSchema } from './host.js'
import type { Handle } from './ipc.js'
import { userSettingsSchema } from './settings.js'

/** The bridge methods that are requests (the `on…` ones are events main sends). */
type RequestMethod = Exclude<keyof NoomBridge, `on${string}`>

/** What main does for each request, with arguments already parsed by the schemas below. */
export type MainServices = {
  [K in RequestMethod]: (
    ...args: Parameters<NoomBridge[K]>
  ) => ReturnType<NoomBridge[K]> | Awaited<ReturnType<NoomBridge[K]>>
} & {
  /** The renderer listens for deep links now: send the ones held since start-up. */
  deepLinkReady(): void
}

const mediaKindSchema = z.enum(['camera', 'microphone', 'screen'])
const textSchema = (max: number) => z.string().max(max)

/** The argument list each request takes, as a tuple schema (extra arguments are refused). */
export const REQUEST_SCHEMAS = {
  getInfo: z.tuple([]),
  getSettings: z.tuple([]),
  setSettings: z.tuple([userSettingsSchema]),
  allowServer: z.tuple([textSchema(256)]),
  getScreenSources: z.tuple([]),
  answerScreenPick: z.tuple([
    textSchema(64),
    z.strictObject({ sourceId: textSchema(256), systemAudio: z.boolean() }).nullable(),
  ]),
  getMediaAccess: z.tuple([mediaKindSchema]),
  requestMediaAccess: z.tuple([z.enum(['camera', 'microphone'])]),
  openMediaAccessSettings: z.tuple([mediaKindSchema]),
  // Longer text is cut by the attention service; these bounds only keep absurd payloads out.
  notify: z.tuple([z.strictObject({ title: textSchema(1000), body: textSchema(10_000) })]),
  setBadgeCount: z.tuple([z.number().int().min(0).max(1_000_000)]),
  setCallState: z.tuple([z.strictObject({ inCall: z.boolean() })]),
  deepLinkReady: z.tuple([]),
  openExternal: z.tuple([textSchema(2048)]),
  startHost: z.tuple([hostOptionsSchema]),
  stopHost: z.tuple([]),
  getHostStatus: z.tuple([]),
} satisfies Record<keyof MainServices, z.ZodType<unknown[]>>

/** Registers every request channel; each runs its service only after the sender and payload pass. */
export function registerIpcHandlers(handle: Handle, services: MainServices): void {
  const s = REQUEST_SCHEMAS
  handle(CHANNELS.getInfo, s.getInfo, () => services.getInfo())
  handle(CHANNELS.getSettings, s.getSettings, () => services.getSettings())
  handle(CHANNELS.setSettings, s.setSettings, ([settings]) => services.setSettings(settings))
  handle(CHANNELS.allowServer, s.allowServer, ([url]) => services.allowServer(url))
  handle(CHANNELS.getScreenSources, s.getScreenSources, () => services.getScreenSources())
  handle(CHANNELS.answerScreenPick, s.answerScreenPick, ([id, choice]) =>
    services.answerScreenPick(id, choice),
  )
  handle(CHANNELS.getMediaAccess, s.getMediaAccess, ([kind]) => services.getMediaAccess(kind))
  handle(CHANNELS.requestMediaAccess, s.requestMediaAccess, ([kind]) =>
    services.requestMediaAccess(kind),
  )
  handle(CHANNELS.openMediaAccessSettings, s.openMediaAccessSettings, ([kind]) =>
    services.openMediaAccessSettings(kind),
  )
  handle(CHANNELS.notify, s.notify, ([notification]) => services.notify(notification))
  handle(CHANNELS.setBadgeCount, s.setBadgeCount, ([count]) => services.setBadgeCount(count))
  handle(CHANNELS.setCallState, s.setCallState, ([state]) => services.setCallState(state))
  handle(CHANNELS.deepLinkReady, s.deepLinkReady, () => services.deepLinkReady())
  handle(CHANNELS.openExternal, s.openExternal, ([url]) => services.openExternal(url))
  handle(CHANNELS.startHost, s.startHost, ([options]) => services.startHost(options))
  handle(CHANNELS.stopHost, s.stopHost, () => services.stopHost())
  handle(CHANNELS.getHostStatus, s.getHostStatus, () => services.getHostStatus())
}
