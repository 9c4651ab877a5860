// The systemd unit and its environment file held to docs/self-hosting.md: the bin run with settings
// from a root-only file, restarts and a stop timeout longer than the server's drain, the hardening
// the guide lists, and an environment file that refuses to start until its secret is set. systemd is
// not run here: the files are read as text.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseCli } from '../../../server/cli-options.js'
import { envFile, meaningful, read, UNIT, UNIT_ENV } from '../../support/deploy-files.js'

/** An INI-style unit: section → key → every value given (keys may repeat). */
function unitFile(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>()
  let current = new Map<string, string[]>()
  for (const line of meaningful(text)) {
    const section = /^\[(.+)\]$/.exec(line)
    if (section) {
      current = new Map<string, string[]>()
      sections.set(section[1] ?? '', current)
    } else {
      const at = line.indexOf('=')
      const key = line.slice(0, at)
      current.set(key, [...(current.get(key) ?? []), line.slice(at + 1)])
    }
  }
  return sections
}

describe('deploy/systemd/noom-server.service', () => {
  const unit = unitFile(read(UNIT))
  const service = unit.get('Service') ?? new Map<string, string[]>()
  const last = (key: string) => service.get(key)?.at(-1)

  it('runs bin/noom-server.js with its settings from a root-only EnvironmentFile', () => {
    expect(last('ExecStart')).toMatch(/^\/\S*node \S*\/bin\/noom-server\.js$/)
    expect(last('EnvironmentFile')).toBe('/etc/noom/noom-server.env')
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target'])
  })

  it('restarts on failure and gives the SIGTERM drain time to finish', () => {
    expect(last('Restart')).toBe('on-failure')
    expect(last('KillSignal')).toBe('SIGTERM')
    // The CLI exits at most 5 s after SIGTERM (FORCE_EXIT_MS in server/cli.ts).
    expect(Number.parseInt(last('TimeoutStopSec') ?? '0', 10)).toBeGreaterThan(5)
  })

  it.each([
    ['DynamicUser', 'yes'],
    ['NoNewPrivileges', 'yes'],
    ['ProtectSystem', 'strict'],
    ['ProtectHome', 'yes'],
    ['PrivateTmp', 'yes'],
    ['PrivateDevices', 'yes'],
    ['CapabilityBoundingSet', ''],
    ['RestrictNamespaces', 'yes'],
    ['RestrictSUIDSGID', 'yes'],
    ['LockPersonality', 'yes'],
    ['ProtectKernelTunables', 'yes'],
    ['ProtectKernelModules', 'yes'],
    ['ProtectControlGroups', 'yes'],
  ])('hardens the service: %s=%s', (key, value) => {
    expect(last(key)).toBe(value)
  })

  it('allows only IP and Unix sockets, caps memory and file descriptors', () => {
    expect(last('RestrictAddressFamilies')?.split(/\s+/).sort()).toEqual([
      'AF_INET',
      'AF_INET6',
      'AF_UNIX',
    ])
    expect(last('MemoryMax')).toMatch(/^\d+[MG]$/)
    expect(Number(last('LimitNOFILE'))).toBeGreaterThanOrEqual(10_000)
    expect(last('SystemCallFilter') ?? '').not.toBe('')
  })

  it('leaves V8 its writable, executable memory (no MemoryDenyWriteExecute=yes)', () => {
    expect(last('MemoryDenyWriteExecute')).not.toBe('yes')
  })

  it('ships an environment file that refuses to start until NOOM_SECRET is replaced', () => {
    const env = Object.fromEntries(envFile(read(UNIT_ENV)))
    const asIs = parseCli([], env)
    expect(asIs.kind === 'error' ? asIs.message : asIs.kind).toMatch(/NOOM_SECRET|--secret/)
    const filled = parseCli([], { ...env, NOOM_SECRET: randomBytes(32).toString('hex') })
    expect(filled.kind === 'error' ? filled.message : filled.kind).toBe('run')
    // Every commented-out example is a value the server accepts too, once its secrets are real;
    // the TURN secret's placeholder is refused like NOOM_SECRET's.
    const { NOOM_CONFIG: _file, ...all } = Object.fromEntries(envFile(read(UNIT_ENV), true))
    const secret = randomBytes(32).toString('hex')
    const placeholder = parseCli([], { ...all, NOOM_SECRET: secret })
    expect(placeholder.kind === 'error' ? placeholder.message : placeholder.kind).toMatch(
      /NOOM_TURN_SECRET|--turn-secret/,
    )
    const examples = parseCli([], { ...all, NOOM_SECRET: secret, NOOM_TURN_SECRET: secret })
    expect(examples.kind === 'error' ? examples.message : examples.kind).toBe('run')
  })
})
