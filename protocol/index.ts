/** Protocol v1.2 of Noom's rendezvous server: the one wire contract server and renderer share. */
export * from './limits.js'
export * from './errors.js'
export * from './schemas.js'
export * from './moderation.js'
export * from './sfu.js'
export * from './acks.js'
export * from './events.js'

/** The protocol version this module describes. */
export const PROTOCOL_VERSION = 1
