// Every renderer → main request, registered through the one checking helper (ipc.ts) with the
// schema of its arguments from the contract. What each request does lives in MainServices, which
// index.ts builds from the real Electron APIs and tests build from fakes.
import {
  CHANNELS,
  REQUEST_SCHEMAS,
  type BridgeRequest,
  type NoomBridge,
} from '../contract/index.js'
import type { Handle } from './ipc.js'

/** What main does for each request, with arguments already parsed by the contract's schemas. */
export type MainServices = {
  [K in BridgeRequest]: (
    ...args: Parameters<NoomBridge[K]>
  ) => ReturnType<NoomBridge[K]> | Awaited<ReturnType<NoomBridge[K]>>
} & {
  /** The renderer listens for deep links now: send the ones held since start-up. */
  deepLinkReady(): void
}

/** Registers every request channel; each runs its service only after the sender and payload pass. */
export function registerIpcHandlers(handle: Handle, services: MainServices): void {
  const s = REQUEST_SCHEMAS
  handle(CHANNELS.getInfo, s.getInfo, () => services.getInfo())
  handle(CHANNELS.getSettings, s.getSettings, () => services.getSettings())
  handle(CHANNELS.setSettings, s.setSettings, ([settings]) => services.setSettings(settings))
  handle(CHANNELS.allowServer, s.allowServer, ([url]) => services.allowServer(url))
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
  handle(CHANNELS.startHost, s.startHost, ([options]) => services.startHost(options))
  handle(CHANNELS.stopHost, s.stopHost, () => services.stopHost())
  handle(CHANNELS.getHostStatus, s.getHostStatus, () => services.getHostStatus())
}
