/**
 * Resume tokens: sealed with AES-256-GCM under a key derived from the server's secret, so a server
 * restarted with the same secret can still honour them (and rebuild the room they name) although it
 * kept nothing in memory. Clients cannot read or forge them; the password hash inside stays private.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { z } from 'zod'
import { admissionSchema, visibilitySchema } from '../../protocol/index.js'

const claimsSchema = z.strictObject({
  v: z.literal(1),
  /** Member id. */
  id: z.string(),
  /** Room name, and the key of that room's incarnation (a room recreated by others has another). */
  room: z.string(),
  roomKey: z.string(),
  visibility: visibilitySchema,
  passwordHash: z.string().nullable(),
  /** v1.1: the room's admission when the token was sealed (older tokens: open). */
  admission: admissionSchema.optional(),
  /** Issued at, ms since the epoch. */
  iat: z.number(),
})
export type ResumeClaims = z.infer<typeof claimsSchema>

const IV_BYTES = 12
const TAG_BYTES = 16

export class ResumeTokens {
  readonly #key: Buffer

  constructor(secret: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'noom', 'resume-token v1', 32))
  }

  seal(claims: ResumeClaims): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()])
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
  }

  /** The claims of a token this server (or one sharing its secret) sealed; null for anything else. */
  open(token: string): ResumeClaims | null {
    const raw = Buffer.from(token, 'base64url')
    if (raw.length <= IV_BYTES + TAG_BYTES) return null
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES))
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES))
      const plain = Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ])
      const parsed = claimsSchema.safeParse(JSON.parse(plain.toString('utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      // A failed authentication tag or bad JSON: a forged or damaged token.
      return null
    }
  }
}
