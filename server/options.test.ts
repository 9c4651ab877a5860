import { describe, expect, it } from 'vitest'
import { resolveOptions, type RendezvousOptions } from './options.js'

const SECRET = 'janus-api-secret-16+'
const sfu = (given: Partial<NonNullable<RendezvousOptions['sfu']>> = {}) => ({
  sfu: { urls: ['ws://127.0.0.1:8188'], secret: SECRET, ...given },
})

describe('resolveOptions: the SFU', () => {
  it('is off unless given, and takes --mesh-max 4 by default', () => {
    expect(resolveOptions({}).sfu).toBeNull()
    expect(resolveOptions(sfu()).sfu).toEqual({
      urls: ['ws://127.0.0.1:8188'],
      secret: SECRET,
      meshMax: 4,
    })
    expect(resolveOptions(sfu({ meshMax: 16 })).sfu?.meshMax).toBe(16)
  })

  it('keeps its own copy of the URLs', () => {
    const given = sfu({ urls: ['ws://a:8188', 'wss://b.example/janus'] })
    const resolved = resolveOptions(given)
    given.sfu.urls.push('ws://c')
    expect(resolved.sfu?.urls).toEqual(['ws://a:8188', 'wss://b.example/janus'])
  })

  it.each([
    [{ urls: [] }, 'sfu.urls must list at least one URL'],
    [{ urls: ['ws://a', 'http://janus:8088'] }, 'sfu.urls: "http://janus:8088" is not a ws://'],
    [{ urls: ['ws://'] }, 'sfu.urls: "ws://" is not a ws:// or wss:// URL'],
    [{ urls: ['wss://[::1'] }, 'sfu.urls: "wss://[::1" is not a ws:// or wss:// URL'],
    [
      { urls: ['ws://janus:8188', 'ws://JANUS:8188/'] },
      'sfu.urls: "ws://JANUS:8188/" is listed twice',
    ],
    [{ secret: '' }, 'sfu.secret must not be empty'],
    [{ meshMax: 1 }, 'sfu.meshMax must be an integer from 2 to 16'],
    [{ meshMax: 17 }, 'sfu.meshMax must be an integer from 2 to 16'],
    [{ meshMax: 4.5 }, 'sfu.meshMax must be an integer from 2 to 16'],
  ])('refuses %j, never quoting the secret', (given, message) => {
    let thrown: unknown
    try {
      resolveOptions(sfu(given))
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(RangeError)
    expect((thrown as Error).message).toContain(message)
    expect((thrown as Error).message).not.toContain(SECRET)
  })
})

describe('resolveOptions: capacity', () => {
  it('goes up to 16 as a mesh and up to 50 with an SFU', () => {
    expect(resolveOptions({ capacity: 16 }).capacity).toBe(16)
    expect(resolveOptions({ capacity: 50, ...sfu() }).capacity).toBe(50)
    // --mesh-max at or past capacity: the room never moves, which is allowed.
    expect(resolveOptions({ capacity: 4, ...sfu({ meshMax: 8 }) }).capacity).toBe(4)
  })

  it.each([
    [{ capacity: 17 }, 'capacity must be an integer from 2 to 16 without sfu (up to 50 with it)'],
    [{ capacity: 50 }, 'from 2 to 16 without sfu'],
    [{ capacity: 1 }, 'from 2 to 16 without sfu'],
    [{ capacity: 51, ...sfu() }, 'capacity must be an integer from 2 to 50 with sfu'],
    [{ capacity: 8.5, ...sfu() }, 'capacity must be an integer from 2 to 50 with sfu'],
  ])('refuses %j', (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message)
  })
})
