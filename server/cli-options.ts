/**
 * The server's command line: every setting (cli-settings.ts) is a flag, an env var and a key of the
 * optional JSON config file, all checked by one schema; a bad value is named with where it came from.
 */
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { LIMITS } from '../protocol/index.js'
import { bcryptHashProblem } from './admin/password-hash.js'
import { loadConfigFile, readTextFile, type ConfigFile, type ReadText } from './config-file.js'
import type { RendezvousOptions } from './options.js'
import {
  helpText,
  setting,
  SETTING_KEYS as KEYS,
  SETTINGS,
  type SettingKey as Key,
} from './cli-settings.js'
import { DEFAULT_TURN_TTL_SECONDS, isStunUrl, isTurnUrl } from './turn/credentials.js'

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
)

/** A comma list whose entries all pass `test`; the error quotes the first that does not. */
const urlList = (test: (url: string) => boolean, what: string) =>
  list.pipe(
    z.array(
      z.string().refine(test, { error: (issue) => `"${String(issue.input)}" is not ${what}` }),
    ),
  )
const secretText = z.string().min(16, 'must be at least 16 characters')

const schema = z.strictObject({
  port: integer(0, 65_535).default(3000),
  host: z.string().min(1).default('0.0.0.0'),
  allowedOrigins: list.default([]),
  capacity: integer(2, LIMITS.maxCapacity).default(LIMITS.defaultCapacity),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  resumeGraceMs: integer(0, 10 * 60_000).default(LIMITS.resumeGraceMs),
  secret: secretText.optional(),
  staticDir: z.string().min(1).optional(),
  stunUrls: urlList(isStunUrl, 'a stun: or stuns: URL').default([]),
  turnSecret: secretText.optional(),
  turnUrls: urlList(isTurnUrl, 'a turn: or turns: URL')
    .pipe(z.array(z.string()).min(1, 'must list at least one URL'))
    .optional(),
  turnTtl: integer(60, 7 * 24 * 60 * 60).optional(),
  maxConnectionsPerAddress: integer(0, 1_000_000).default(20),
  trustProxy: flag.default(false),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/./, 'must be a redis:// or rediss:// URL')
    .optional(),
  metrics: flag.default(true),
  metricsToken: secretText.optional(),
  adminUser: z
    .string()
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters')
    .optional(),
  adminPasswordHash: z
    .string()
    .superRefine((value, ctx) => {
      const problem = bcryptHashProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .optional(),
})
type Parsed = z.infer<typeof schema>

export type CliResult =
  | { kind: 'run'; options: RendezvousOptions & { logLevel: string } }
  | { kind: 'help'; text: string }
  | { kind: 'hash-password' }
  | { kind: 'error'; message: string }

/** Where a setting's value came from, for error messages. */
type Source = { from: 'flag' } | { from: 'env'; name: string } | { from: 'file'; file: ConfigFile }

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
  let values: Record<string, string | boolean | undefined>
  try {
    const options = Object.fromEntries(
      KEYS.map((key) => [setting(key).flag, { type: setting(key).boolean ? 'boolean' : 'string' }]),
    ) as Record<string, { type: 'boolean' | 'string' }>
    const parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, config: { type: 'string' }, ...options },
    })
    values = parsed.values
  } catch (err) {
    return { kind: 'error', message: `${(err as Error).message}\nTry --help.` }
  }
  if (values.help) return { kind: 'help', text: helpText() }

  const configPath = values.config ?? env.NOOM_CONFIG
  let file: ConfigFile | null = null
  if (typeof configPath === 'string' && configPath !== '') {
    const loaded = loadConfigFile(configPath, new Map(KEYS.map((k) => [k, setting(k)])), read)
    if ('error' in loaded) return { kind: 'error', message: loaded.error }
    file = loaded
  }

  const raw: Record<string, string> = {}
  const sources = new Map<Key, Source>()
  for (const key of KEYS) {
    const { flag, env: envName } = setting(key)
    const envFound = [envName, ...(key === 'port' ? ['PORT'] : [])].find(
      (n) => env[n] !== undefined,
    )
    const fromFlag = values[flag]
    if (fromFlag !== undefined) {
      raw[key] = String(fromFlag)
      sources.set(key, { from: 'flag' })
    } else if (envFound !== undefined) {
      raw[key] = String(env[envFound])
      sources.set(key, { from: 'env', name: envFound })
    } else if (file?.values.has(key)) {
      raw[key] = file.values.get(key) ?? ''
      sources.set(key, { from: 'file', file })
    }
  }
  const result = schema.safeParse(raw)
  if (!result.success) return { kind: 'error', message: describeIssue(result.error, raw, sources) }
  return toOptions(result.data, sources)
}

function describeIssue(error: z.ZodError, raw: Record<string, string>, sources: Map<Key, Source>) {
  const issue = error.issues[0]
  const key = issue?.path[0] as Key | undefined
  if (!key || !(key in SETTINGS)) return `settings: ${issue?.message ?? 'invalid'}`
  const source = sources.get(key) ?? { from: 'flag' }
  // An issue inside a URL list (path [key, index]) already quotes the bad entry.
  const quoted = (issue?.path.length ?? 0) > 1 || setting(key).secret
  const shown =
    source.from === 'file' ? source.file.written.get(key) : JSON.stringify(raw[key] ?? '')
  const got = quoted || shown === undefined ? '' : ` (got ${shown})`
  return `${where(key, source)}: ${issue?.message ?? 'invalid'}${got}`
}

function where(key: Key, source: Source): string {
  const { flag, env } = setting(key)
  if (source.from === 'file') return `config file ${source.file.path}: ${key}`
  if (source.from === 'env') return `env ${source.name} (--${flag})`
  return `--${flag} (${env})`
}

/** How a setting is named in a message about settings that go together. */
const describe = (key: Key) => `--${setting(key).flag} (${setting(key).env})`

function toOptions(parsed: Parsed, sources: Map<Key, Source>): CliResult {
  const { stunUrls, staticDir, turnSecret, turnUrls, turnTtl, ...rest } = parsed
  const { metrics, metricsToken, adminUser, adminPasswordHash, ...options } = rest
  const turn = turnOptions(turnSecret, turnUrls, turnTtl)
  if (typeof turn === 'string') return { kind: 'error', message: turn }
  if ((adminUser === undefined) !== (adminPasswordHash === undefined)) {
    const [given, missing] =
      adminUser === undefined
        ? (['adminPasswordHash', 'adminUser'] as const)
        : (['adminUser', 'adminPasswordHash'] as const)
    return {
      kind: 'error',
      message: `${describe(missing)} is needed with ${describe(given)}: give both or neither`,
    }
  }
  if (options.redisUrl !== undefined && options.secret === undefined) {
    // Each node would seal resume tokens with its own random secret: no seat could move nodes.
    return { kind: 'error', message: `${describe('redisUrl')} needs ${describe('secret')}` }
  }
  if (!metrics && metricsToken !== undefined) {
    return {
      kind: 'error',
      message: `${describe('metricsToken')} needs metrics on, but --metrics is false`,
    }
  }
  const source = sources.get('staticDir')
  // A path in a config file means the same wherever the server is started from.
  const dir =
    staticDir && source?.from === 'file' ? resolve(dirname(source.file.path), staticDir) : staticDir
  return {
    kind: 'run',
    options: {
      ...options,
      ...(dir === undefined ? {} : { staticDir: dir }),
      iceServers: stunUrls.length > 0 ? [{ urls: stunUrls }] : [],
      ...(turn ? { turn } : {}),
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

/** The TURN settings come as a pair (plus an optional TTL); half a pair is an error message. */
function turnOptions(
  secret: string | undefined,
  urls: string[] | undefined,
  ttlSeconds: number | undefined,
): RendezvousOptions['turn'] | string | null {
  if (secret !== undefined && urls === undefined) {
    return `${describe('turnUrls')} is needed with ${describe('turnSecret')}`
  }
  if (urls !== undefined && secret === undefined) {
    return `${describe('turnSecret')} is needed with ${describe('turnUrls')}`
  }
  if (secret === undefined || urls === undefined) {
    return ttlSeconds === undefined
      ? null
      : `${describe('turnTtl')} needs ${describe('turnSecret')} and ${describe('turnUrls')}`
  }
  return { secret, urls, ttlSeconds: ttlSeconds ?? DEFAULT_TURN_TTL_SECONDS }
}
