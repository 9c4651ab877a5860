import type { z } from 'zod'
import type { Channel } from '../contract/index.js'
import { isAllowedNavigation } from './security.js'

/** The part of `IpcMainInvokeEvent` the helper reads; a real event satisfies it. */
export interface InvokeEvent {
  senderFrame: { url: string } | null
}

/** The part of `ipcMain` the helper uses; the real `ipcMain` satisfies it. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void
}

/** An invoke handler: `args` are the schema's output, never the raw values the renderer sent. */
export type Handle = <S extends z.ZodType<unknown[]>>(
  channel: Channel,
  schema: S,
  fn: (args: z.output<S>, event: InvokeEvent) => unknown,
) => void

/**
 * True when the message comes from a frame showing the app itself. The frame is null when it
 * navigated away or was destroyed after sending, and then it is not trusted either.
 */
export function isTrustedSender(event: InvokeEvent, appUrl: string): boolean {
  const url = event.senderFrame?.url
  return url !== undefined && isAllowedNavigation(url, appUrl)
}

/**
 * Returns the one way main registers IPC handlers. Each call checks the sender and parses the
 * argument list (as a tuple) before `fn` runs; a rejection throws, so the renderer's `invoke`
 * rejects and `fn` never sees the message. Messages say what was refused, not why in detail.
 */
export function createHandle(ipcMain: IpcRegistrar, appUrl: string): Handle {
  return (channel, schema, fn) => {
    ipcMain.handle(channel, (event, ...args) => {
      if (!isTrustedSender(event, appUrl)) throw new Error(`${channel}: untrusted sender`)
      const parsed = schema.safeParse(args)
      if (!parsed.success) throw new Error(`${channel}: invalid arguments`)
      return fn(parsed.data, event)
    })
  }
}
