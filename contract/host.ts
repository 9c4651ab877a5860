/** The built-in rendezvous server ("Host on this computer"): what the page asks for and is told. */
import { z } from 'zod'

/** Noom's usual port for the built-in server, so LAN addresses people were given keep working. */
export const DEFAULT_HOST_PORT = 47320

const PORT_RULE = 'port must be 0 (any free port) or a whole number from 1024 to 65535'

/** What `startHost` accepts. The messages are shown to the user when a start is refused. */
export const hostOptionsSchema = z.strictObject({
  /** TCP port, 1024–65535, or 0 for any free port. */
  port: z
    .number({ error: PORT_RULE })
    .int({ error: PORT_RULE })
    .refine((port) => port === 0 || (port >= 1024 && port <= 65535), { error: PORT_RULE }),
  /** Listen on every network interface so others on the LAN can join; else loopback only. */
  lan: z.boolean({ error: 'lan must be true or false' }),
})
export type HostOptions = z.infer<typeof hostOptionsSchema>

/** The usual port, on this computer only: hosting for the LAN is opt-in, never a surprise. */
export const DEFAULT_HOST_OPTIONS: HostOptions = Object.freeze({
  port: DEFAULT_HOST_PORT,
  lan: false,
})

const urlText = z.string().max(256)

/**
 * The built-in server's access key: made by main once per run (32 random bytes, base64url), given
 * to the page and carried by the links the app shares. Links accept any base64url key of 16 to 128
 * characters.
 */
export const accessKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/)

export const hostStatusSchema = z.strictObject({
  state: z.enum(['stopped', 'starting', 'running', 'failed']),
  /** The port listened on while running (the chosen one when `port` was 0). */
  port: z.number().int().min(0).max(65535).nullable(),
  lan: z.boolean(),
  /** The address this computer's app uses, e.g. http://127.0.0.1:43210, while running. */
  localUrl: urlText.nullable(),
  /** Addresses to give others on the LAN (one per IPv4/IPv6 interface), when `lan` and running. */
  lanUrls: z.array(urlText).max(64),
  /** Why the last start failed, in words a person understands (e.g. "Port 8080 is in use"). */
  error: z.string().max(1000).nullable(),
  /**
   * The key every connection to the built-in server must carry (Socket.IO `auth.key`), while
   * running; null otherwise. The page adds it to the links it shares for this server.
   */
  accessKey: accessKeySchema.nullable(),
})
export type HostStatus = z.infer<typeof hostStatusSchema>
