/**
 * Every IPC channel between preload and main, named once. Main and preload import this object;
 * no channel name is spelled anywhere else. `CHANNELS` are renderer → main requests (`invoke`);
 * `EVENTS` are main → renderer messages that the bridge's `on…` methods listen to.
 *
 * This file imports nothing, so the sandboxed preload bundles it without zod.
 */
export const CHANNELS = {
  getInfo: 'app:get-info',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  allowServer: 'settings:allow-server',
  answerScreenPick: 'screen:answer-pick',
  getMediaAccess: 'media:get-access',
  requestMediaAccess: 'media:request-access',
  openMediaAccessSettings: 'media:open-settings',
  notify: 'app:notify',
  setBadgeCount: 'app:set-badge-count',
  setCallState: 'call:set-state',
  deepLinkReady: 'deep-link:ready',
  startHost: 'host:start',
  stopHost: 'host:stop',
  getHostStatus: 'host:get-status',
} as const

export const EVENTS = {
  screenPick: 'screen:pick',
  deepLink: 'deep-link:open',
  hostStatus: 'host:status',
} as const

/** The request each channel carries: a key of CHANNELS. */
export type RequestName = keyof typeof CHANNELS
export type Channel = (typeof CHANNELS)[RequestName]
export type EventChannel = (typeof EVENTS)[keyof typeof EVENTS]
