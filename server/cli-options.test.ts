import { describe, expect, it } from 'vitest'
import { parseCli } from './cli-options.js'

describe('parseCli', () => {
  it('uses defaults when given nothing', () => {
    expect(parseCli([], {})).toEqual({
      kind: 'run',
      options: {
        port: 3000,
        host: '0.0.0.0',
        allowedOrigins: [],
        capacity: 8,
        logLevel: 'info',
        resumeGraceMs: 15_000,
        maxConnectionsPerAddress: 20,
        trustProxy: false,
        iceServers: [],
      },
    })
  })

  it('reads env vars, and flags win over them', () => {
    const result = parseCli(
      ['--port', '4000', '--trust-proxy', '--stun-urls', 'stun:a:3478, stun:b'],
      {
        NOOM_PORT: '5000',
        NOOM_CAPACITY: '4',
        NOOM_ALLOWED_ORIGINS: 'https://a.example,https://b.example',
        NOOM_SECRET: 'sixteen-chars-at-least',
      },
    )
    expect(result).toMatchObject({
      kind: 'run',
      options: {
        port: 4000,
        capacity: 4,
        trustProxy: true,
        allowedOrigins: ['https://a.example', 'https://b.example'],
        secret: 'sixteen-chars-at-least',
        iceServers: [{ urls: ['stun:a:3478', 'stun:b'] }],
      },
    })
    expect(parseCli([], { PORT: '8080' })).toMatchObject({ options: { port: 8080 } })
  })

  it.each([
    [['--port', 'abc'], '--port (NOOM_PORT): must be a whole number (got "abc")'],
    [['--port', '70000'], '--port (NOOM_PORT): must be at most 65535 (got "70000")'],
    [['--capacity', '1'], '--capacity (NOOM_CAPACITY): must be at least 2 (got "1")'],
    [['--log-level', 'loud'], '--log-level (NOOM_LOG_LEVEL)'],
    [['--stun-urls', 'http://x'], '--stun-urls (NOOM_STUN_URLS): must be stun: or stuns: URLs'],
    [['--secret', 'short'], '--secret (NOOM_SECRET): must be at least 16 characters'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('names the bad value in %j', (argv, message) => {
    const result = parseCli(argv, {})
    expect(result.kind).toBe('error')
    expect(result.kind === 'error' && result.message).toContain(message)
  })

  it('never echoes a secret back', () => {
    const result = parseCli(['--secret', 'tiny'], {})
    expect(result.kind === 'error' && result.message).not.toContain('tiny')
  })

  it('prints help', () => {
    const result = parseCli(['--help'], {})
    expect(result.kind === 'help' && result.text).toContain('--max-connections-per-address')
  })
})
