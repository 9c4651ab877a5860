/**
 * The Janus instances of `--sfu-url`, one JanusInstance each, connected from the server's start and
 * kept connected. A room that moves goes to the instance that is up and has the fewest
 * participants, by Janus's own count (VideoRoom `list`), which includes every node's members.
 */
import type { Logger } from 'pino'
import { JanusInstance, type InstanceState } from './instance.js'

export interface InstanceStatus {
  /** The instance as metrics and /readyz name it: host and port, never a path or credentials. */
  name: string
  state: InstanceState
}

export class SfuPool {
  readonly instances: readonly JanusInstance[]

  constructor(urls: readonly string[], secret: string, log: Logger) {
    this.instances = urls.map((url) => {
      const instance = new JanusInstance(url, secret)
      const name = instanceName(url)
      instance.on('up', () => log.info({ instance: name }, 'SFU instance up'))
      instance.on('down', (reason) => log.warn({ instance: name, reason }, 'SFU instance down'))
      return instance
    })
  }

  /** Connects every instance; resolves once each has come up or failed its first attempt. */
  async start(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.start()))
  }

  /** The instance of that URL, if it is one of ours. */
  get(url: string): JanusInstance | undefined {
    return this.instances.find((instance) => instance.url === url)
  }

  /**
   * The up instance with the fewest participants, or null when none is up. An instance whose
   * count cannot be read now is passed over.
   */
  async pick(): Promise<JanusInstance | null> {
    const up = this.instances.filter((instance) => instance.up)
    const loads = await Promise.all(
      up.map(async (instance) => {
        const rooms = await instance.rooms().catch(() => null)
        return rooms && { instance, load: rooms.reduce((sum, room) => sum + room.participants, 0) }
      }),
    )
    const known = loads.filter((entry) => entry !== null)
    known.sort((a, b) => a.load - b.load)
    return known[0]?.instance ?? null
  }

  status(): InstanceStatus[] {
    return this.instances.map((instance) => ({
      name: instanceName(instance.url),
      state: instance.state,
    }))
  }

  async close(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.close()))
  }
}

/** `ws://janus-1.internal:8188/janus` → `janus-1.internal:8188`. */
export function instanceName(url: string): string {
  return URL.parse(url)?.host ?? 'unknown'
}
