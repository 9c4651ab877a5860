import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { test as base } from '@playwright/test'
import { io, type Socket } from 'socket.io-client'
import type {
  ClientToServerEvents,
  JoinRequest,
  JoinResult,
  ServerToClientEvents,
} from '../../protocol/index.js'
import { createRendezvousServer } from '../../server/index.js'

export { expect } from '@playwright/test'

const staticDir = resolve(import.meta.dirname, '../../out/renderer')

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

export interface ServerFixture {
  /** Base URL of the rendezvous server, which serves the built renderer at `/`. */
  url: string
}

interface TestFixtures {
  /** A fresh server per test, so no test sees another's rooms. */
  server: ServerFixture
  /**
   * Joins a room as a Node Socket.IO client (another member, not the page under test) and resolves
   * with the join result; rejects when the server refuses. Clients disconnect after the test.
   */
  joinRoom: (request: JoinRequest) => Promise<JoinResult>
}

export const test = base.extend<TestFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern here.
  server: async ({}, use) => {
    if (!existsSync(resolve(staticDir, 'index.html'))) {
      throw new Error(`No built renderer in ${staticDir}: run \`npx electron-vite build\` first.`)
    }
    const server = createRendezvousServer({
      host: '127.0.0.1',
      port: 0,
      staticDir,
      logLevel: 'silent',
    })
    const { url } = await server.listen()
    await use({ url })
    await server.close()
  },

  joinRoom: async ({ server }, use) => {
    const sockets: ClientSocket[] = []
    await use(async (request) => {
      const socket: ClientSocket = io(server.url, { transports: ['websocket'], forceNew: true })
      sockets.push(socket)
      // No .timeout(): socket.io-client types its ack result as `any` then; the test timeout bounds this.
      const ack = await socket.emitWithAck('room:join', request)
      if (!ack.ok) throw new Error(`room:join refused: ${ack.error.code} ${ack.error.message}`)
      return ack
    })
    for (const socket of sockets) socket.disconnect()
  },
})
