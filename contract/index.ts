/**
 * The desktop contract: what main, preload and renderer agree on. It is to IPC what protocol/ is
 * to Socket.IO: channel names, a schema for every payload, the NoomBridge types inferred from them,
 * and the defaults both processes share. Imports only zod and protocol/.
 */
export * from './channels.js'
export * from './locales.js'
export * from './server-url.js'
export * from './server-kind.js'
export * from './settings.js'
export * from './host.js'
export * from './payloads.js'
export * from './bridge.js'
export * from './requests.js'
