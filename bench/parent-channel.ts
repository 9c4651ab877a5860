/** The child side of the IPC channel: typed send, one message handled at a time, no orphans. */

/** Sends `message` to the parent process. */
export function toParent<Out extends { type: string }>(message: Out): void {
  process.send?.(message)
}

/** Sends a last message, then closes the channel (and so exits) once it has gone out. */
export function lastToParent<Out extends { type: string }>(message: Out): void {
  process.send?.(message, undefined, undefined, () => process.disconnect())
}

/**
 * Handles the parent's messages one after another; a failure goes back as `{ type: 'error' }`.
 * When the parent goes away (crash, kill, timeout) the channel closes and this child exits with it.
 */
export function serveParent<In>(handle: (message: In) => Promise<void>): void {
  if (!process.send) throw new Error('run me with child_process.fork')
  let queue = Promise.resolve()
  process.on('message', (message: In) => {
    queue = queue.then(() =>
      handle(message).catch((err: unknown) => {
        toParent({ type: 'error', message: err instanceof Error ? err.message : String(err) })
      }),
    )
  })
  process.on('disconnect', () => process.exit(0))
}
