/**
 * The server's command line: every setting of the table (settings-table.ts) is a flag, an env var
 * and a key of the optional JSON config file, all read by the same parsers; a bad value is named
 * with where it came from. Settings that only work together are checked here.
 */
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { LIMITS } from '../protocol/index.js'
import type { RendezvousOptions } from './options.js'
import {
  loadConfigFile,
  readTextFile,
  type ConfigFile,
  type ReadText,
} from './settings/config-file.js'
import { helpText } from './settings/help.js'
import { describeSetting as describe, readSettings, type Source } from './settings/read.js'
import { readSecretFiles } from './settings/secret-files.js'
import { SETTING_KEYS, settingOf, type SettingKey, type SettingValues } from './settings-table.js'

export type CliResult =
  | {
      kind: 'run'
      options: RendezvousOptions & { logLevel: string }
      /** Lines for the log at start (a secret given as a flag); absent when none. */
      warnings?: string[]
    }
  | { kind: 'help'; text: string }
  | { kind: 'hash-password' }
  | { kind: 'error'; message: string }

/**
 * Flags win over env vars, env vars over the config file, the file over defaults. `PORT` is honoured
 * after NOOM_PORT, as platforms set it.
 */
export function parseCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  read: ReadText = readTextFile,
): CliResult {
  if (argv[0] === 'hash-password') {
    return argv.length === 1
      ? { kind: 'hash-password' }
      : {
          kind: 'error',
          message: 'hash-password takes no arguments; it reads the password on stdin',
        }
  }
  // Believing X-Forwarded-For from any peer let a client name any address; say what replaced it.
  if (env.NOOM_TRUST_PROXY !== undefined) {
    return {
      kind: 'error',
      message:
        'NOOM_TRUST_PROXY is no longer read: name the proxies whose X-Forwarded-For to believe ' +
        'with NOOM_TRUSTED_PROXIES (e.g. loopback, or the proxy’s address)',
    }
  }
  const flags = parseFlags(argv)
  if ('error' in flags) return { kind: 'error', message: `${flags.error}\nTry --help.` }
  if (flags.help) return { kind: 'help', text: helpText() }

  const configPath = flags.config ?? env.NOOM_CONFIG
  let file: ConfigFile | null = null
  if (typeof configPath === 'string' && configPath !== '') {
    const loaded = loadConfigFile(configPath, read)
    if ('error' in loaded) return { kind: 'error', message: loaded.error }
    file = loaded
  }
  const settings = readSettings({ flags, env, file })
  if ('error' in settings) return { kind: 'error', message: settings.error }
  const secrets = readSecretFiles(settings.values, settings.sources, read)
  if ('error' in secrets) return { kind: 'error', message: secrets.error }
  const result = toOptions(secrets.values, settings.sources)
  return result.kind === 'run' && secrets.warnings.length > 0
    ? { ...result, warnings: secrets.warnings }
    : result
}

type Flags = Record<string, string | boolean | undefined>

/** Every setting's flag, plus --config and --help; an unknown or malformed flag is an error. */
function parseFlags(argv: readonly string[]): Flags | { error: string } {
  const options = Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const { flag, boolean } = settingOf(key)
      return [flag, { type: boolean ? 'boolean' : 'string' }]
    }),
  ) as Record<string, { type: 'boolean' | 'string' }>
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, config: { type: 'string' }, ...options },
    }).values
  } catch (err) {
    return { error: (err as Error).message }
  }
}

/** The settings as createRendezvousServer's options, or the message for a combination that fails. */
function toOptions(values: SettingValues, sources: ReadonlyMap<SettingKey, Source>): CliResult {
  const { stunUrls, staticDir, turnSecret, turnUrls, turnTtl, ...rest } = values
  const { metrics, metricsToken, adminUser, adminPasswordHash, ...named } = rest
  const { sfuUrl, sfuSecret, meshMax, ...unfiled } = named
  const { secretFile: _s, turnSecretFile: _t, sfuSecretFile: _f, ...files } = unfiled
  const { metricsTokenFile: _m, ...options } = files
  const problem =
    turnProblem(values, sources) ??
    sfuProblem(values, sources) ??
    adminProblem(values) ??
    redisProblem(values) ??
    metricsProblem(values)
  if (problem !== null) return { kind: 'error', message: problem }
  const { redisUrl, secret, publicUrl, connectionsPerMinute, joinsPerMinute, ...always } = options
  return {
    kind: 'run',
    options: {
      ...always,
      rateLimits: {
        perAddress: perMinute({ connections: connectionsPerMinute, joins: joinsPerMinute }),
      },
      ...(secret === undefined ? {} : { secret }),
      ...(redisUrl === undefined ? {} : { redisUrl }),
      ...(publicUrl === undefined ? {} : { publicUrl }),
      ...staticDirOption(staticDir, sources.get('staticDir')),
      iceServers: stunUrls.length > 0 ? [{ urls: stunUrls }] : [],
      ...(turnSecret && turnUrls
        ? { turn: { secret: turnSecret, urls: turnUrls, ttlSeconds: turnTtl } }
        : {}),
      ...(sfuUrl && sfuSecret ? { sfu: { urls: sfuUrl, secret: sfuSecret, meshMax } } : {}),
      // One server per process here, so it may also report the process's own metrics.
      metrics: metrics
        ? { nodeMetrics: true, ...(metricsToken ? { token: metricsToken } : {}) }
        : false,
      ...(adminUser && adminPasswordHash
        ? { admin: { username: adminUser, passwordHash: adminPasswordHash } }
        : {}),
    },
  }
}

/** Per-address limits given per minute, as the server's windows. */
function perMinute<K extends string>(points: Record<K, number>) {
  const entries = Object.entries<number>(points).map(([key, n]) => [
    key,
    { points: n, seconds: 60 },
  ])
  return Object.fromEntries(entries) as Record<K, { points: number; seconds: number }>
}

/** A path in a config file means the same wherever the server is started from. */
function staticDirOption(dir: string | undefined, source: Source | undefined) {
  if (dir === undefined) return {}
  return { staticDir: source?.from === 'file' ? resolve(dirname(source.file.path), dir) : dir }
}

/** The TURN settings come as a pair (plus an optional TTL); half a pair is an error. */
function turnProblem(
  { turnSecret, turnUrls }: SettingValues,
  sources: ReadonlyMap<SettingKey, Source>,
): string | null {
  if (turnSecret !== undefined && turnUrls === undefined) {
    return `${describe('turnUrls')} is needed with ${describe('turnSecret')}`
  }
  if (turnUrls !== undefined && turnSecret === undefined) {
    return `${describe('turnSecret')} is needed with ${describe('turnUrls')}`
  }
  if (turnSecret === undefined && sources.has('turnTtl')) {
    return `${describe('turnTtl')} needs ${describe('turnSecret')} and ${describe('turnUrls')}`
  }
  return null
}

/**
 * The SFU settings come as a pair (plus an optional --mesh-max), and a room past a mesh's size needs
 * them. A --mesh-max at or above --capacity is allowed: such rooms never move.
 */
function sfuProblem(
  { sfuUrl, sfuSecret, capacity }: SettingValues,
  sources: ReadonlyMap<SettingKey, Source>,
): string | null {
  if (sfuUrl !== undefined && sfuSecret === undefined) {
    return `${describe('sfuSecret')} is needed with ${describe('sfuUrl')}`
  }
  if (sfuSecret !== undefined && sfuUrl === undefined) {
    return `${describe('sfuUrl')} is needed with ${describe('sfuSecret')}`
  }
  if (sfuUrl === undefined && sources.has('meshMax')) {
    return `${describe('meshMax')} needs ${describe('sfuUrl')} and ${describe('sfuSecret')}`
  }
  if (sfuUrl === undefined && capacity > LIMITS.maxCapacity) {
    return (
      `${describe('capacity')} above ${LIMITS.maxCapacity} needs ${describe('sfuUrl')}: ` +
      'a mesh of more is not usable'
    )
  }
  return null
}

/** Without a shared secret each node would seal resume tokens its own way: no seat could move. */
function redisProblem({ redisUrl, secret }: SettingValues): string | null {
  return redisUrl !== undefined && secret === undefined
    ? `${describe('redisUrl')} needs ${describe('secret')}`
    : null
}

function metricsProblem({ metrics, metricsToken }: SettingValues): string | null {
  return !metrics && metricsToken !== undefined
    ? `${describe('metricsToken')} needs metrics on, but --metrics is false`
    : null
}

/** The admin UI needs both its user and its password hash. */
function adminProblem({ adminUser, adminPasswordHash }: SettingValues): string | null {
  if ((adminUser === undefined) === (adminPasswordHash === undefined)) return null
  const [given, missing] =
    adminUser === undefined
      ? (['adminPasswordHash', 'adminUser'] as const)
      : (['adminUser', 'adminPasswordHash'] as const)
  return `${describe(missing)} is needed with ${describe(given)}: give both or neither`
}
