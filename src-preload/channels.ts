/**
 * Every IPC channel between preload and main, named once. Both sides import this object;
 * no channel name is spelled anywhere else. `invoke` channels are renderer → main requests;
 * `events` are main → renderer messages that the bridge's `on…` methods listen to.
 */
export const CHANNELS = {
  getInfo: 'app:get-info',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  allowServer: 'settings:allow-server',
  getScreenSources: 'screen:get-sources',
  answerScreenPick: 'screen:answer-pick',
  getMediaAccess: 'media:get-access',
  requestMediaAccess: 'media:request-access',
  openMediaAccessSettings: 'media:open-settings',
  notify: 'app:notify',
  setBadgeCount: 'app:set-badge-count',
  setCallState: 'call:set-state',
  deepLinkReady: 'deep-link:ready',
  openExternal: 'app:open-external',
  startHost: 'host:start',
  stopHost: 'host:stop',
  getHostStatus: 'host:get-status',
} as const

export const EVENTS = {
  screenPick: 'screen:pick',
  deepLink: 'deep-link:open',
  hostStatus: 'host:status',
} as const

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS]
export type EventChannel = (typeof EVENTS)[keyof typeof EVENTS]
