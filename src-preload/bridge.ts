// Transitional: the bridge's types live in contract/ now (issue 9). This file goes once the
// renderer imports contract/ directly.
export type {
  AppInfo,
  AppNotification,
  CallState,
  DeepLink,
  HostOptions,
  HostStatus,
  MediaAccessKind,
  MediaAccessStatus,
  NoomBridge,
  ScreenPickChoice,
  ScreenPickRequest,
  ScreenSource,
  Unsubscribe,
  UserSettings,
} from '../contract/index.js'
