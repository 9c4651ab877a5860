/**
 * Every IPC channel between preload and main, named once. Both sides import this object;
 * no channel name is spelled anywhere else.
 */
export const CHANNELS = {
  getInfo: 'app:get-info',
} as const

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS]
