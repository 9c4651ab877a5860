/**
 * Links the app shares and reads: the join link for a room (the server's page with the room
 * named, as the lobby reads it back) and the access key a link to a built-in server carries.
 */
import { accessKeySchema, serverKind } from '../../contract/index.js'

/** The server's page with `room` (and, for a built-in server, its access key) in the query. */
export function inviteLink(server: string, room: string, key?: string | null): string {
  const query = new URLSearchParams({ room })
  if (key) query.set('key', key)
  // URLSearchParams writes spaces as '+'; %20 reads the same and survives more chat apps.
  return `${server.replace(/\/+$/, '')}/?${query.toString().replaceAll('+', '%20')}`
}

/** The built-in server's address to give others: its page with the access key, no room. */
export function keyedServerLink(server: string, key: string | null): string {
  const base = server.replace(/\/+$/, '')
  return key ? `${base}/?key=${encodeURIComponent(key)}` : base
}

/** The access key in a link's query (`?key=`), or null when there is none or it is malformed. */
export function keyFromLink(search: string): string | null {
  const key = accessKeySchema.safeParse(new URLSearchParams(search).get('key'))
  return key.success ? key.data : null
}

/**
 * True for a plain http server outside this computer: what goes to it crosses the network
 * unencrypted (loopback never leaves the computer, so the built-in server is not marked).
 */
export function isUnencrypted(server: string): boolean {
  return URL.parse(server)?.protocol === 'http:' && serverKind(server) !== 'local'
}
