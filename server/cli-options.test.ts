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
    [
      ['--stun-urls', 'stun:a, http://x'],
      '--stun-urls (NOOM_STUN_URLS): "http://x" is not a stun: or stuns: URL',
    ],
    [
      ['--turn-secret', 'sixteen-chars-at-least', '--turn-urls', 'turn:a,turn:b?transport=sctp'],
      '--turn-urls (NOOM_TURN_URLS): "turn:b?transport=sctp" is not a turn: or turns: URL',
    ],
    [
      ['--turn-secret', 'sixteen-chars-at-least', '--turn-urls', 'stun:a'],
      '--turn-urls (NOOM_TURN_URLS): "stun:a" is not a turn: or turns: URL',
    ],
    [
      ['--turn-secret', 'sixteen-chars-at-least'],
      '--turn-urls (NOOM_TURN_URLS) is needed with --turn-secret (NOOM_TURN_SECRET)',
    ],
    [
      ['--turn-urls', 'turn:a'],
      '--turn-secret (NOOM_TURN_SECRET) is needed with --turn-urls (NOOM_TURN_URLS)',
    ],
    [['--turn-ttl', '600'], '--turn-ttl (NOOM_TURN_TTL) needs --turn-secret'],
    [
      ['--turn-secret', 'sixteen-chars-at-least', '--turn-urls', 'turn:a', '--turn-ttl', '10'],
      '--turn-ttl (NOOM_TURN_TTL): must be at least 60 (got "10")',
    ],
    [
      ['--turn-secret', 'short', '--turn-urls', 'turn:a'],
      '--turn-secret (NOOM_TURN_SECRET): must be at least 16 characters',
    ],
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
    const turn = parseCli(['--turn-secret', 'tiny', '--turn-urls', 'turn:a'], {})
    expect(turn.kind === 'error' && turn.message).not.toContain('tiny')
    const half = parseCli(['--turn-secret', 'sixteen-chars-at-least'], {})
    expect(half.kind === 'error' && half.message).not.toContain('sixteen-chars-at-least')
  })

  it('takes the TURN secret, URLs and TTL from flags or env, with a 24 h default TTL', () => {
    const urls = 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349'
    expect(
      parseCli(['--turn-urls', urls], { NOOM_TURN_SECRET: 'sixteen-chars-at-least' }),
    ).toMatchObject({
      kind: 'run',
      options: {
        turn: {
          secret: 'sixteen-chars-at-least',
          urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
          ttlSeconds: 86_400,
        },
      },
    })
    expect(
      parseCli(['--turn-ttl', '3600'], {
        NOOM_TURN_SECRET: 'sixteen-chars-at-least',
        NOOM_TURN_URLS: 'turn:127.0.0.1',
        NOOM_STUN_URLS: 'stun:127.0.0.1',
      }),
    ).toMatchObject({
      options: {
        iceServers: [{ urls: ['stun:127.0.0.1'] }],
        turn: { urls: ['turn:127.0.0.1'], ttlSeconds: 3600 },
      },
    })
  })

  it('prints help', () => {
    const result = parseCli(['--help'], {})
    expect(result.kind === 'help' && result.text).toContain('--max-connections-per-address')
    expect(result.kind === 'help' && result.text).toContain('--turn-secret')
  })
})
