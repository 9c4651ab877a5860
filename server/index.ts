/** The rendezvous server as a library: `createRendezvousServer(options)`. */
export { createRendezvousServer, type RendezvousServer } from './server.js'
export type { RendezvousOptions } from './options.js'
