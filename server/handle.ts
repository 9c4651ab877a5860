/**
 * The one way a client event is handled: the sender's rate limit, then the payload's schema, then the
 * handler, one event at a time per socket. Whatever happens the client gets an ack, and an exception
 * never leaves this function (nor its text the server).
 */
import {
  CLIENT_EVENTS,
  describeIssue,
  fail,
  type Ack,
  type ClientEvent,
  type ClientPayload,
  type ClientResult,
} from '../protocol/index.js'
import type { NoomSocket, ServerContext } from './context.js'

/**
 * An answer that comes later (a knock waiting for a host): the socket's next events are handled
 * meanwhile, so a knocker can still withdraw with `room:leave`.
 */
export interface Held<T> {
  readonly held: Promise<T>
}

type Answer<E extends ClientEvent> = Ack<ClientResult<E>> | Held<Ack<ClientResult<E>>>

export type Handler<E extends ClientEvent> = (
  payload: ClientPayload<E>,
  socket: NoomSocket,
) => Answer<E> | Promise<Answer<E>>

export function ok<T extends object>(result: T): { ok: true } & T {
  return { ok: true, ...result }
}

export function handle<E extends ClientEvent>(
  ctx: ServerContext,
  socket: NoomSocket,
  event: E,
  handler: Handler<E>,
): void {
  const { schema, family } = CLIENT_EVENTS[event]
  const listener = (...args: unknown[]): void => {
    const ack = args.at(-1)
    // Every event of protocol v1 takes an ack; one without is not a request we can answer.
    if (typeof ack !== 'function') {
      ctx.log.debug({ event, socket: socket.id }, 'event without ack ignored')
      return
    }
    const reply = (result: Ack<ClientResult<E>>): void => {
      ;(ack as (result: Ack<ClientResult<E>>) => void)(result)
    }
    const answer = async (): Promise<Answer<E>> => {
      if (!(await socket.data.limiter.take(family))) {
        return fail('rate_limited', 'Too many requests; slow down and try again.')
      }
      if (args.length !== 2) return fail('invalid', 'expected one payload and an ack')
      const parsed = schema.safeParse(args[0])
      if (!parsed.success) return fail('invalid', describeIssue(parsed.error))
      return handler(parsed.data, socket)
    }
    // One event at a time per socket, answered in the order they came, refusals included.
    const failed = (err: unknown): void => {
      ctx.log.error({ err, event, socket: socket.id }, 'handler failed')
      reply(fail('internal', 'The server could not handle this request.'))
    }
    const run = async (): Promise<void> => {
      try {
        const result = await answer()
        if ('held' in result) void result.held.then(reply, failed)
        else reply(result)
      } catch (err) {
        failed(err)
      }
    }
    socket.data.queue = socket.data.queue.then(run)
  }
  // Socket.IO's typed `on` cannot resolve a generic event name; the listener takes `unknown` anyway.
  socket.on(event, listener as never)
}
