/**
 * The ack envelope as a schema, for clients that check what the server answers: every ack is
 * `{ ok: true, ...result }` or `{ ok: false, error: { code, message } }` (errors.ts).
 */
import { z } from 'zod'
import { ERROR_CODES } from './errors.js'

/** How much of a server's error message a client keeps. */
const ERROR_MESSAGE_MAX = 500

/**
 * An error as a client reads it. A code this version does not know (a newer server's) reads as
 * `internal`, so the refusal still arrives with the server's words.
 */
export const protocolErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES).catch('internal'),
  message: z.string().transform((text) => text.slice(0, ERROR_MESSAGE_MAX)),
  retryAfterMs: z.number().int().nonnegative().optional(),
})

/** The envelope around one request's result; the result's own keys are as strict as `result`. */
export function ackSchema<Shape extends z.ZodRawShape>(result: z.ZodObject<Shape, z.core.$strict>) {
  return z.discriminatedUnion('ok', [
    result.extend({ ok: z.literal(true) }),
    z.strictObject({ ok: z.literal(false), error: protocolErrorSchema }),
  ])
}
