/**
 * Forking the bench's child processes and talking to them. Every child is remembered, so an
 * error, a signal or the overall timeout can end them all; every wait on a child is bounded.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const live = new Set<ChildProcess>()

/** A forked child that speaks messages of type `In` and answers with `Out`. */
export interface Child<In, Out> {
  readonly process: ChildProcess
  send(message: In): void
  /** The next message of `type`; rejects on an `error` message, on exit, or after `timeoutMs`. */
  next<T extends Out & { type: string }>(type: T['type'], timeoutMs: number): Promise<T>
}

/** Forks `file` (a .ts file beside this one) under tsx, with its own heap and an IPC channel. */
export function forkChild<In, Out extends { type: string }>(
  file: string,
  extraExecArgv: string[] = [],
): Child<In, Out> {
  const path = fileURLToPath(new URL(file, import.meta.url))
  const child = fork(path, [], {
    execArgv: ['--import', 'tsx', ...extraExecArgv],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  live.add(child)
  child.once('exit', () => live.delete(child))
  return {
    process: child,
    send: (message) => void child.send(message as object),
    next: (type, timeoutMs) => nextMessage(child, file, type, timeoutMs),
  }
}

function nextMessage<T>(
  child: ChildProcess,
  name: string,
  type: string,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
    }
    const onMessage = (raw: unknown): void => {
      const message = raw as { type: string; message?: string }
      if (message.type === type) {
        done()
        resolve(raw as T)
      } else if (message.type === 'error') {
        done()
        reject(new Error(`${name}: ${message.message ?? 'failed'}`))
      }
    }
    const onExit = (code: number | null, signal: string | null): void => {
      done()
      reject(new Error(`${name} exited (${signal ?? code}) while we waited for '${type}'`))
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`${name}: no '${type}' within ${timeoutMs} ms`))
    }, timeoutMs)
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/** Waits up to `timeoutMs` for `child` to exit by itself, then kills it. */
export async function reap(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  await exited
  clearTimeout(timer)
}

/** Kills every child still running. Synchronous, so it also works from an 'exit' handler. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL')
  live.clear()
}
