/** The call's Socket.IO connection as SignalingClient makes it by default. */
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/index.js'

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * The socket for `url` (not yet connected): WebSocket only, quick reconnections, and `accessKey`
 * in the handshake's auth when there is one (a desktop app's built-in server admits only its
 * holders).
 */
export function connectSocket(url: string, accessKey?: string): ClientSocket {
  return io(url, {
    transports: ['websocket'],
    autoConnect: false,
    reconnectionDelay: 250,
    reconnectionDelayMax: 2_000,
    randomizationFactor: 0.3,
    ...(accessKey ? { auth: { key: accessKey } } : {}),
  })
}
