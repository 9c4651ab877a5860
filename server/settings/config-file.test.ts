import { describe, expect, it } from 'vitest'
import { parseCli } from '../cli-options.js'

const PATH = '/etc/noom.json'

/** parseCli reading `files` (path → text) instead of the disk. */
function parse(argv: string[], env: NodeJS.ProcessEnv, files: Record<string, string>) {
  return parseCli(argv, env, (path) => {
    const text = files[path]
    if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
    return text
  })
}
const file = (settings: Record<string, unknown>) => ({ [PATH]: JSON.stringify(settings) })

describe('config file', () => {
  it('applies its settings, in the same form as flags and with JSON types', () => {
    const files = file({
      port: 4000,
      capacity: '6',
      trustedProxies: ['loopback', '10.0.0.0/8'],
      stunUrls: ['stun:a', 'stun:b:3478'],
      allowedOrigins: 'https://a.example, https://b.example',
      secret: 'sixteen-chars-at-least',
    })
    expect(parse(['--config', PATH], {}, files)).toMatchObject({
      kind: 'run',
      options: {
        port: 4000,
        capacity: 6,
        trustedProxies: ['loopback', '10.0.0.0/8'],
        iceServers: [{ urls: ['stun:a', 'stun:b:3478'] }],
        allowedOrigins: ['https://a.example', 'https://b.example'],
        secret: 'sixteen-chars-at-least',
      },
    })
  })

  it('is found by NOOM_CONFIG too; flags win over env vars, env vars over the file', () => {
    const files = { ...file({ port: 4000, capacity: 6, host: '127.0.0.1' }), '/b.json': '{}' }
    const env = { NOOM_CONFIG: PATH, NOOM_CAPACITY: '5', NOOM_PORT: '5000' }
    expect(parse(['--port', '6000'], env, files)).toMatchObject({
      options: { port: 6000, capacity: 5, host: '127.0.0.1', resumeGraceMs: 15_000 },
    })
    // --config wins over NOOM_CONFIG like any flag.
    expect(parse(['--config', '/b.json'], { NOOM_CONFIG: PATH }, files)).toMatchObject({
      options: { port: 3000, capacity: 8 },
    })
  })

  it('takes the SFU URLs as a list and --mesh-max, the secret from env or its file', () => {
    const files = {
      ...file({ sfuUrl: ['ws://10.0.0.7:8188', 'ws://10.0.0.8:8188'], meshMax: 5, capacity: 30 }),
      '/run/sfu-secret': 'janus-secret-from-a-file\n',
    }
    const sfu = { urls: ['ws://10.0.0.7:8188', 'ws://10.0.0.8:8188'], meshMax: 5 }
    expect(
      parse(['--config', PATH], { NOOM_SFU_SECRET: 'janus-secret-from-env' }, files),
    ).toMatchObject({
      kind: 'run',
      options: { capacity: 30, sfu: { ...sfu, secret: 'janus-secret-from-env' } },
    })
    const fromFile = parse(['--config', PATH, '--sfu-secret-file', '/run/sfu-secret'], {}, files)
    expect(fromFile).toMatchObject({
      options: { sfu: { ...sfu, secret: 'janus-secret-from-a-file' } },
    })
    expect(fromFile).not.toHaveProperty('warnings')
    // Given as a flag it still works, but every user of the machine can read it.
    const flag = parse(['--config', PATH, '--sfu-secret', 'janus-secret-in-a-flag'], {}, files)
    expect(flag).toMatchObject({
      options: { sfu: { secret: 'janus-secret-in-a-flag' } },
      warnings: [expect.stringContaining('--sfu-secret was given on the command line') as string],
    })
    const both = parse(
      ['--config', PATH],
      { NOOM_SFU_SECRET_FILE: '/run/sfu-secret', NOOM_SFU_SECRET: 'janus-secret-from-env' },
      files,
    )
    expect(both).toEqual({
      kind: 'error',
      message:
        'give --sfu-secret (NOOM_SFU_SECRET) or --sfu-secret-file (NOOM_SFU_SECRET_FILE), not both',
    })
  })

  it('takes staticDir relative to the file', () => {
    expect(parse(['--config', PATH], {}, file({ staticDir: 'renderer' }))).toMatchObject({
      options: { staticDir: '/etc/renderer' },
    })
    expect(parse(['--config', PATH, '--static-dir', 'web'], {}, file({}))).toMatchObject({
      options: { staticDir: 'web' },
    })
  })

  it.each([
    [
      { capacity: 60 },
      `config file ${PATH}: capacity: must be a whole number from 2 to 50 (got 60)`,
    ],
    [{ capacity: 40 }, '--capacity (NOOM_CAPACITY) above 16 needs --sfu-url (NOOM_SFU_URL)'],
    [{ meshMax: 6 }, '--mesh-max (NOOM_MESH_MAX) needs --sfu-url (NOOM_SFU_URL)'],
    [
      { sfuUrl: ['ws://a', 'turn:b'], sfuSecret: 'sixteen-chars-at-least' },
      `config file ${PATH}: sfuUrl: "turn:b" is not a ws:// or wss:// URL`,
    ],
    [{ port: 'abc' }, `config file ${PATH}: port: must be a whole number (got "abc")`],
    [
      { trustedProxies: ['10.0.0.0/33'] },
      `config file ${PATH}: trustedProxies: "10.0.0.0/33" is not an IP address, a CIDR range`,
    ],
    [
      { stunUrls: ['stun:a', 'http://x'] },
      `config file ${PATH}: stunUrls: "http://x" is not a stun: or stuns: URL`,
    ],
    [{ capacity: { n: 4 } }, `config file ${PATH}: capacity: must be a string, number, boolean`],
    [{ capacity: null }, '(got null)'],
    [{ bogus: 1 }, `config file ${PATH}: unknown setting "bogus"; the settings are port, host,`],
    [
      { 'allowed-origins': 'x' },
      'unknown setting "allowed-origins" (did you mean "allowedOrigins"?)',
    ],
    [{ config: '/other.json' }, 'unknown setting "config"'],
    [{ turnSecret: 'sixteen-chars-at-least' }, '--turn-urls (NOOM_TURN_URLS) is needed with'],
  ])('names the file, the setting and the bad value: %j', (settings, message) => {
    const result = parse(['--config', PATH], {}, file(settings))
    expect(result.kind === 'error' && result.message).toContain(message)
  })

  it.each([
    ['{"port": 3000,}', `config file ${PATH}: not valid JSON (line 1, column 15)`],
    ['[1, 2]', `config file ${PATH}: must hold one JSON object of settings`],
    ['"port"', 'must hold one JSON object of settings'],
  ])('refuses a file that is not a JSON object: %s', (text, message) => {
    const result = parse(['--config', PATH], {}, { [PATH]: text })
    expect(result.kind === 'error' && result.message).toContain(message)
  })

  it('says when the file cannot be read', () => {
    expect(parse(['--config', '/nope.json'], {}, {})).toEqual({
      kind: 'error',
      message: 'config file /nope.json: cannot be read (no such file)',
    })
  })

  it('never quotes a secret from the file, even in a JSON syntax error', () => {
    const secrets = [
      file({ secret: 'tiny-secret' }),
      file({ metricsToken: ['not', 'a', 'long-one'] }),
      file({ sfuUrl: 'ws://a', sfuSecret: 'tiny-secret' }),
      file({ adminUser: 'root', adminPasswordHash: 'plain-password' }),
      { [PATH]: '{"secret": "hidden-secret-value" "port": 1}' },
      { [PATH]: '{"secret": hidden-secret-value}' },
    ]
    for (const files of secrets) {
      const result = parse(['--config', PATH], {}, files)
      expect(result.kind).toBe('error')
      const message = result.kind === 'error' ? result.message : ''
      expect(message).toMatch(new RegExp(`^config file ${PATH}: `))
      for (const secret of ['tiny-secret', 'long-one', 'plain-password', 'hidden-secret-value']) {
        expect(message).not.toContain(secret)
      }
    }
  })
})
