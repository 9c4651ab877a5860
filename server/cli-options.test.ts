import { describe, expect, it } from 'vitest'
import { parseCli } from './cli-options.js'
import { SETTINGS } from './settings-table.js'

/** A bcrypt hash of "correct horse battery" at cost 10. */
const HASH = '$2b$10$pmUhjh4sda2.3nZCpdUtXOO/AyGWWWyi8ZpL.HK.6LJ33IaSRi6RS'

const SFU_SECRET = 'janus-api-secret-16+'
/** A Janus to move rooms to, as flags. */
const SFU = ['--sfu-url', 'ws://127.0.0.1:8188', '--sfu-secret', SFU_SECRET]

describe('parseCli', () => {
  it('uses defaults when given nothing', () => {
    expect(parseCli([], {})).toEqual({
      kind: 'run',
      options: {
        port: 3000,
        host: '0.0.0.0',
        allowedOrigins: [],
        allowedHosts: [],
        capacity: 8,
        logLevel: 'info',
        resumeGraceMs: 15_000,
        maxConnectionsPerAddress: 20,
        trustedProxies: [],
        rateLimits: {
          perAddress: {
            connections: { points: 30, seconds: 60 },
            joins: { points: 10, seconds: 60 },
          },
        },
        iceServers: [],
        metrics: { nodeMetrics: true },
      },
    })
  })

  it('reads env vars, and flags win over them', () => {
    const result = parseCli(
      [
        '--port',
        '4000',
        '--trusted-proxies',
        'loopback, 10.1.0.0/16',
        '--stun-urls',
        'stun:a:3478, stun:b',
      ],
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
        trustedProxies: ['loopback', '10.1.0.0/16'],
        allowedOrigins: ['https://a.example', 'https://b.example'],
        secret: 'sixteen-chars-at-least',
        iceServers: [{ urls: ['stun:a:3478', 'stun:b'] }],
      },
    })
    expect(parseCli([], { PORT: '8080' })).toMatchObject({ options: { port: 8080 } })
  })

  it.each([
    [['--port', 'abc'], '--port (NOOM_PORT): must be a whole number (got "abc")'],
    [
      ['--port', '70000'],
      '--port (NOOM_PORT): must be a whole number from 0 to 65535 (got "70000")',
    ],
    [
      ['--capacity', '1'],
      '--capacity (NOOM_CAPACITY): must be a whole number from 2 to 50 (got "1")',
    ],
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
      '--turn-ttl (NOOM_TURN_TTL): must be a whole number from 60 to 604800 (got "10")',
    ],
    [
      ['--turn-secret', 'short', '--turn-urls', 'turn:a'],
      '--turn-secret (NOOM_TURN_SECRET): must be at least 16 characters',
    ],
    [['--secret', 'short'], '--secret (NOOM_SECRET): must be at least 16 characters'],
    [['--bogus'], "Unknown option '--bogus'"],
    [
      ['--trusted-proxies', 'loopback, proxy.example'],
      '--trusted-proxies (NOOM_TRUSTED_PROXIES): "proxy.example" is not an IP address, a CIDR range',
    ],
    [['--joins-per-minute', 'many'], '--joins-per-minute (NOOM_JOINS_PER_MINUTE): must be a whole'],
    // The flag that believed any peer is gone; saying so beats an unknown option alone.
    [['--trust-proxy'], "Unknown option '--trust-proxy'"],
  ])('names the bad value in %j', (argv, message) => {
    const result = parseCli(argv, {})
    expect(result.kind).toBe('error')
    expect(result.kind === 'error' && result.message).toContain(message)
  })

  it('stops at NOOM_TRUST_PROXY, naming what replaced it, rather than ignore it', () => {
    const result = parseCli([], { NOOM_TRUST_PROXY: 'true' })
    expect(result).toMatchObject({ kind: 'error' })
    expect(result.kind === 'error' && result.message).toContain('NOOM_TRUSTED_PROXIES')
  })

  it('takes the per-address limits per minute, 0 turning one off', () => {
    const result = parseCli(['--joins-per-minute', '0'], { NOOM_CONNECTIONS_PER_MINUTE: '45' })
    expect(result).toMatchObject({
      options: {
        rateLimits: {
          perAddress: {
            joins: { points: 0, seconds: 60 },
            connections: { points: 45, seconds: 60 },
          },
        },
      },
    })
  })

  it('never echoes a secret back', () => {
    const result = parseCli(['--secret', 'tiny'], {})
    expect(result.kind === 'error' && result.message).not.toContain('tiny')
    const turn = parseCli(['--turn-secret', 'tiny', '--turn-urls', 'turn:a'], {})
    expect(turn.kind === 'error' && turn.message).not.toContain('tiny')
    const half = parseCli(['--turn-secret', 'sixteen-chars-at-least'], {})
    expect(half.kind === 'error' && half.message).not.toContain('sixteen-chars-at-least')
    const sfu = parseCli(['--sfu-url', 'ws://a', '--sfu-secret', 'tiny'], {})
    expect(sfu.kind === 'error' && sfu.message).toContain('--sfu-secret (NOOM_SFU_SECRET)')
    expect(sfu.kind === 'error' && sfu.message).not.toContain('tiny')
    const alone = parseCli([], { NOOM_SFU_SECRET: SFU_SECRET })
    expect(alone.kind === 'error' && alone.message).toContain('is needed with')
    expect(alone.kind === 'error' && alone.message).not.toContain(SFU_SECRET)
  })

  it('takes the TURN secret, URLs and TTL from flags or env, with a 1 h default TTL', () => {
    const urls = 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349'
    expect(
      parseCli(['--turn-urls', urls], { NOOM_TURN_SECRET: 'sixteen-chars-at-least' }),
    ).toMatchObject({
      kind: 'run',
      options: {
        turn: {
          secret: 'sixteen-chars-at-least',
          urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
          ttlSeconds: 3600,
        },
      },
    })
    expect(
      parseCli(['--turn-ttl', '900'], {
        NOOM_TURN_SECRET: 'sixteen-chars-at-least',
        NOOM_TURN_URLS: 'turn:127.0.0.1',
        NOOM_STUN_URLS: 'stun:127.0.0.1',
      }),
    ).toMatchObject({
      options: {
        iceServers: [{ urls: ['stun:127.0.0.1'] }],
        turn: { urls: ['turn:127.0.0.1'], ttlSeconds: 900 },
      },
    })
  })

  it('takes the SFU URLs, secret and mesh size from flags or env, --mesh-max 4 by default', () => {
    const urls = 'ws://127.0.0.1:8188, wss://janus.example.org/janus'
    expect(parseCli(['--sfu-url', urls], { NOOM_SFU_SECRET: SFU_SECRET })).toMatchObject({
      kind: 'run',
      options: {
        capacity: 8,
        sfu: {
          urls: ['ws://127.0.0.1:8188', 'wss://janus.example.org/janus'],
          secret: SFU_SECRET,
          meshMax: 4,
        },
      },
    })
    const env = {
      NOOM_SFU_URL: 'ws://10.0.0.7:8188',
      NOOM_SFU_SECRET: SFU_SECRET,
      NOOM_MESH_MAX: '6',
      NOOM_CAPACITY: '50',
    }
    expect(parseCli([], env)).toMatchObject({
      options: { capacity: 50, sfu: { urls: ['ws://10.0.0.7:8188'], meshMax: 6 } },
    })
    expect(parseCli(['--mesh-max', '3'], env)).toMatchObject({ options: { sfu: { meshMax: 3 } } })
  })

  it('lets --mesh-max reach --capacity or pass it (such rooms never move)', () => {
    for (const meshMax of ['8', '12']) {
      expect(parseCli([...SFU, '--mesh-max', meshMax, '--capacity', '8'], {})).toMatchObject({
        kind: 'run',
        options: { capacity: 8, sfu: { meshMax: Number(meshMax) } },
      })
    }
  })

  it('takes a capacity above 16 only with an SFU', () => {
    expect(parseCli([...SFU, '--capacity', '50'], {})).toMatchObject({
      kind: 'run',
      options: { capacity: 50 },
    })
    expect(parseCli(['--capacity', '16'], {})).toMatchObject({ options: { capacity: 16 } })
    expect(parseCli(['--capacity', '17'], {})).toEqual({
      kind: 'error',
      message:
        '--capacity (NOOM_CAPACITY) above 16 needs --sfu-url (NOOM_SFU_URL): a mesh of more is not usable',
    })
  })

  it.each([
    [
      ['--sfu-url', 'ws://a'],
      '--sfu-secret (NOOM_SFU_SECRET) is needed with --sfu-url (NOOM_SFU_URL)',
    ],
    [['--sfu-secret', SFU_SECRET], '--sfu-url (NOOM_SFU_URL) is needed with --sfu-secret'],
    [['--mesh-max', '6'], '--mesh-max (NOOM_MESH_MAX) needs --sfu-url (NOOM_SFU_URL)'],
    [['--mesh-max', '4'], '--mesh-max (NOOM_MESH_MAX) needs --sfu-url'],
    [
      [...SFU, '--capacity', '51'],
      '--capacity (NOOM_CAPACITY): must be a whole number from 2 to 50',
    ],
    [
      [...SFU, '--mesh-max', '1'],
      '--mesh-max (NOOM_MESH_MAX): must be a whole number from 2 to 16',
    ],
    [
      [...SFU, '--mesh-max', '17'],
      '--mesh-max (NOOM_MESH_MAX): must be a whole number from 2 to 16',
    ],
    [
      ['--sfu-url', 'ws://a, http://janus:8088', '--sfu-secret', SFU_SECRET],
      '--sfu-url (NOOM_SFU_URL): "http://janus:8088" is not a ws:// or wss:// URL',
    ],
    [['--sfu-url', 'ws://', '--sfu-secret', SFU_SECRET], '"ws://" is not a ws:// or wss:// URL'],
    [['--sfu-url', 'wss://[::1', '--sfu-secret', SFU_SECRET], '"wss://[::1" is not a ws:// or'],
    [
      ['--sfu-url', ' , ', '--sfu-secret', SFU_SECRET],
      '--sfu-url (NOOM_SFU_URL): must list at least',
    ],
    [
      ['--sfu-url', 'ws://janus:8188, ws://JANUS:8188/', '--sfu-secret', SFU_SECRET],
      '--sfu-url (NOOM_SFU_URL): "ws://JANUS:8188/" is listed twice',
    ],
    [
      ['--sfu-url', 'ws://a', '--sfu-secret', 'too-short'],
      '--sfu-secret (NOOM_SFU_SECRET): must be at least 16 characters',
    ],
  ])('refuses SFU settings %j', (argv, message) => {
    const result = parseCli(argv, {})
    expect(result.kind === 'error' && result.message).toContain(message)
    // An entry of a list is quoted by its message alone; a secret is never quoted.
    expect(result.kind === 'error' && result.message).not.toContain('(got "ws://')
    expect(result.kind === 'error' && result.message).not.toContain('too-short')
  })

  it('counts --mesh-max from env as given, so it still needs --sfu-url', () => {
    expect(parseCli([], { NOOM_MESH_MAX: '6' })).toMatchObject({
      message: expect.stringContaining('--mesh-max (NOOM_MESH_MAX) needs --sfu-url') as string,
    })
    expect(parseCli([], { NOOM_CAPACITY: '40' })).toMatchObject({
      message: expect.stringContaining('--capacity (NOOM_CAPACITY) above 16 needs') as string,
    })
  })

  it('names an env var as the source of its bad value', () => {
    expect(parseCli([], { NOOM_CAPACITY: '60' })).toEqual({
      kind: 'error',
      message: 'env NOOM_CAPACITY (--capacity): must be a whole number from 2 to 50 (got "60")',
    })
    expect(parseCli([], { PORT: 'x' })).toMatchObject({
      message: 'env PORT (--port): must be a whole number (got "x")',
    })
  })

  it('prints help listing every option with its env var, config key and default', () => {
    const result = parseCli(['--help'], {})
    const text = result.kind === 'help' ? result.text : ''
    for (const [key, setting] of Object.entries(SETTINGS)) {
      expect(text).toContain(`--${setting.flag}`)
      expect(text).toContain(`env ${setting.env}`)
      expect(text).toContain(`config "${key}"`)
    }
    expect(text).toContain('--config FILE')
    expect(text).toContain('hash-password')
    expect(text).toMatch(
      /--capacity N +members per room, 2-16, or up to 50 with --sfu-url\n +env NOOM_CAPACITY · .* default 8/,
    )
    expect(text).toMatch(
      /--mesh-max N +members a room has as a mesh.*\n +env NOOM_MESH_MAX · .* default 4/,
    )
  })

  it('serves metrics by default, with a token or not at all', () => {
    expect(parseCli(['--metrics', 'false'], {})).toMatchObject({ options: { metrics: false } })
    expect(parseCli([], { NOOM_METRICS_TOKEN: 'a-token-of-16-chars' })).toMatchObject({
      options: { metrics: { nodeMetrics: true, token: 'a-token-of-16-chars' } },
    })
    const short = parseCli(['--metrics-token', 'tiny'], {})
    expect(short).toMatchObject({
      message: '--metrics-token (NOOM_METRICS_TOKEN): must be at least 16 characters',
    })
    expect(
      parseCli(['--metrics', 'false', '--metrics-token', 'a-token-of-16-chars'], {}),
    ).toMatchObject({ message: expect.stringContaining('needs metrics on') as string })
    expect(parseCli(['--metrics', 'maybe'], {})).toMatchObject({
      message: expect.stringContaining('--metrics (NOOM_METRICS)') as string,
    })
  })

  it('turns the admin UI on with a user and a bcrypt hash, from flags or env', () => {
    expect(parseCli(['--admin-user', 'root'], { NOOM_ADMIN_PASSWORD_HASH: HASH })).toMatchObject({
      kind: 'run',
      options: { admin: { username: 'root', passwordHash: HASH } },
    })
    const none = parseCli([], {})
    expect(none.kind === 'run' && 'admin' in none.options).toBe(false)
  })

  it.each([
    [
      ['--admin-user', 'root'],
      '--admin-password-hash (NOOM_ADMIN_PASSWORD_HASH) is needed with --admin-user (NOOM_ADMIN_USER): give both or neither',
    ],
    [
      ['--admin-password-hash', HASH],
      '--admin-user (NOOM_ADMIN_USER) is needed with --admin-password-hash (NOOM_ADMIN_PASSWORD_HASH)',
    ],
    [
      ['--admin-user', 'root', '--admin-password-hash', 'hunter2hunter2'],
      'must be a bcrypt hash ($2b$…), not a password; make one with `noom-server hash-password`',
    ],
    [
      ['--admin-user', 'root', '--admin-password-hash', HASH.replace('$10$', '$04$')],
      'must be a bcrypt hash of cost 10 to 31 (this one has cost 4)',
    ],
    [
      ['--admin-user', '', '--admin-password-hash', HASH],
      '--admin-user (NOOM_ADMIN_USER): must not be empty',
    ],
  ])('refuses admin settings %j', (argv, message) => {
    const result = parseCli(argv, {})
    expect(result.kind === 'error' && result.message).toContain(message)
    // Whatever was given as the hash is never quoted: it may be the plain password.
    expect(result.kind === 'error' && result.message).not.toContain('hunter2')
    expect(result.kind === 'error' && result.message).not.toContain(HASH.slice(7))
  })

  it('recognises the hash-password subcommand', () => {
    expect(parseCli(['hash-password'], {})).toEqual({ kind: 'hash-password' })
    expect(parseCli(['hash-password', 'secret'], {}).kind).toBe('error')
  })
})
