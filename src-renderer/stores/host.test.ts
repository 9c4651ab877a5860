import { describe, expect, it, vi } from 'vitest'
import type { HostOptions, HostStatus } from '../../contract/index.js'
import { HostStore, rejectionMessage, STOPPED, type HostBridge } from './host.svelte.js'

function running(port: number, lan = false): HostStatus {
  return {
    state: 'running',
    port,
    lan,
    localUrl: `http://127.0.0.1:${port}`,
    lanUrls: lan ? [`http://192.168.1.5:${port}`] : [],
    error: null,
    accessKey: 'built-in-key-0123456789abcdef',
  }
}

/** A promise with its resolve and reject at hand, to hold a bridge call open. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A bridge whose host is `status`; `emit` plays a broadcast from main. */
function fakeBridge(status: HostStatus = STOPPED) {
  const listeners = new Set<(status: HostStatus) => void>()
  const unsubscribe = vi.fn()
  const bridge = {
    getHostStatus: vi.fn(() => Promise.resolve(status)),
    startHost: vi.fn((options: HostOptions) =>
      Promise.resolve(running(options.port || 43210, options.lan)),
    ),
    stopHost: vi.fn(() => Promise.resolve(STOPPED)),
    onHostStatus: vi.fn((listener: (status: HostStatus) => void) => {
      listeners.add(listener)
      return () => {
        unsubscribe()
        listeners.delete(listener)
      }
    }),
  } satisfies HostBridge
  const emit = (next: HostStatus) => {
    for (const listener of listeners) listener(next)
  }
  return { bridge, emit, listeners, unsubscribe }
}

describe('HostStore', () => {
  it('starts out stopped, with no address and no error', () => {
    const host = new HostStore(fakeBridge().bridge)
    expect(host.status.state).toBe('stopped')
    expect(host.running).toBe(false)
    expect(host.localUrl).toBe('')
    expect(host.error).toBeNull()
    expect(host.busy).toBe(false)
  })

  it('loads the status main has and follows its broadcasts', async () => {
    const { bridge, emit } = fakeBridge(running(47320))
    const host = new HostStore(bridge)
    await host.load()
    expect(host.running).toBe(true)
    expect(host.localUrl).toBe('http://127.0.0.1:47320')

    emit(running(47320, true))
    expect(host.lanUrls).toEqual(['http://192.168.1.5:47320'])
    emit(STOPPED)
    expect(host.running).toBe(false)
    expect(host.localUrl).toBe('')
    expect(host.lanUrls).toEqual([])
  })

  it('keeps a broadcast that arrives while the first status is still on its way', async () => {
    const { bridge, emit } = fakeBridge()
    const answer = deferred<HostStatus>()
    bridge.getHostStatus.mockReturnValueOnce(answer.promise)
    const host = new HostStore(bridge)
    const loading = host.load()
    emit(running(47320))
    answer.resolve({ ...STOPPED, state: 'starting' })
    await loading
    expect(host.status.state).toBe('running')
  })

  it('subscribes once however often it loads', async () => {
    const { bridge, listeners } = fakeBridge()
    const host = new HostStore(bridge)
    await host.load()
    await host.load()
    expect(bridge.onHostStatus).toHaveBeenCalledTimes(1)
    expect(listeners.size).toBe(1)
  })

  it('starts with the options given and takes the status from the answer', async () => {
    const { bridge } = fakeBridge()
    const host = new HostStore(bridge)
    await host.start({ port: 47320, lan: true })
    expect(bridge.startHost).toHaveBeenCalledWith({ port: 47320, lan: true })
    expect(host.running).toBe(true)
    expect(host.lanUrls).toEqual(['http://192.168.1.5:47320'])
    expect(host.options).toEqual({ port: 47320, lan: true })
  })

  it('remembers the port a start on port 0 got', async () => {
    const host = new HostStore(fakeBridge().bridge)
    expect(host.options).toEqual({ port: 47320, lan: false })
    await host.start({ port: 0, lan: false })
    expect(host.options).toEqual({ port: 43210, lan: false })
  })

  it('stops and takes the stopped status from the answer', async () => {
    const { bridge } = fakeBridge(running(47320))
    const host = new HostStore(bridge)
    await host.load()
    await host.stop()
    expect(bridge.stopHost).toHaveBeenCalledTimes(1)
    expect(host.running).toBe(false)
    // The form for the next start keeps what ran last.
    expect(host.options).toEqual({ port: 47320, lan: false })
  })

  it('is busy while a start or stop is pending', async () => {
    const { bridge } = fakeBridge()
    const answer = deferred<HostStatus>()
    bridge.startHost.mockReturnValueOnce(answer.promise)
    const host = new HostStore(bridge)
    const starting = host.start({ port: 0, lan: false })
    expect(host.busy).toBe(true)
    answer.resolve(running(43210))
    await starting
    expect(host.busy).toBe(false)

    const stop = deferred<HostStatus>()
    bridge.stopHost.mockReturnValueOnce(stop.promise)
    const stopping = host.stop()
    expect(host.busy).toBe(true)
    stop.reject(new Error('gone'))
    await stopping
    expect(host.busy).toBe(false)
  })

  it("shows main's reason when a start fails", async () => {
    const { bridge } = fakeBridge()
    bridge.startHost.mockResolvedValueOnce({
      ...STOPPED,
      state: 'failed',
      error: 'Port 8080 is in use by another program.',
    })
    const host = new HostStore(bridge)
    await host.start({ port: 8080, lan: false })
    expect(host.status.state).toBe('failed')
    expect(host.error).toBe('Port 8080 is in use by another program.')
  })

  it('turns a refused call into an error instead of throwing', async () => {
    const { bridge } = fakeBridge()
    bridge.startHost.mockRejectedValueOnce(
      new Error(
        "Error invoking remote method 'host:start': Error: Invalid host options: port must be 0",
      ),
    )
    const host = new HostStore(bridge)
    await expect(host.start({ port: 80, lan: false })).resolves.toBeUndefined()
    expect(host.error).toBe('Invalid host options: port must be 0')
    expect(host.status.state).toBe('stopped')

    // The next call starts afresh.
    await host.start({ port: 0, lan: false })
    expect(host.error).toBeNull()
  })

  it('reports a status that could not be read', async () => {
    const { bridge } = fakeBridge()
    bridge.getHostStatus.mockRejectedValueOnce(new Error('no handler'))
    const host = new HostStore(bridge)
    await host.load()
    expect(host.error).toBe('no handler')
  })

  it('stops following broadcasts once disposed', async () => {
    const { bridge, emit, unsubscribe } = fakeBridge()
    const host = new HostStore(bridge)
    await host.load()
    host.dispose()
    expect(unsubscribe).toHaveBeenCalledTimes(1)
    emit(running(47320))
    expect(host.running).toBe(false)
    host.dispose()
    expect(unsubscribe).toHaveBeenCalledTimes(1)
  })
})

describe('rejectionMessage', () => {
  it('keeps plain messages and names something for empty ones', () => {
    expect(rejectionMessage(new Error('Port 8080 is in use.'))).toBe('Port 8080 is in use.')
    expect(rejectionMessage('nope')).toBe('nope')
    expect(rejectionMessage(new Error(''))).toBe('Something went wrong.')
  })
})
