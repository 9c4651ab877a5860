/**
 * The server's command line: every setting is a flag and an env var, checked by one schema, and a bad
 * value is named in the error. `--help` prints this table.
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { LIMITS } from '../protocol/index.js'
import type { RendezvousOptions } from './options.js'
import { DEFAULT_TURN_TTL_SECONDS, isStunUrl, isTurnUrl } from './turn/credentials.js'

interface Setting {
  flag: string
  env: string
  value: string
  help: string
  /** Flags that take no value (`--trust-proxy`). */
  boolean?: true
  /** Never echoed back in an error. */
  secret?: true
}

const SETTINGS = {
  port: {
    flag: 'port',
    env: 'NOOM_PORT',
    value: 'N',
    help: 'port to listen on (0: any free); default 3000',
  },
  host: {
    flag: 'host',
    env: 'NOOM_HOST',
    value: 'ADDR',
    help: 'interface to listen on; default 0.0.0.0',
  },
  allowedOrigins: {
    flag: 'allowed-origins',
    env: 'NOOM_ALLOWED_ORIGINS',
    value: 'LIST',
    help: "extra browser origins, comma-separated ('*' for any)",
  },
  capacity: {
    flag: 'capacity',
    env: 'NOOM_CAPACITY',
    value: 'N',
    help: `members per room, 2-${LIMITS.maxCapacity}; default ${LIMITS.defaultCapacity}`,
  },
  logLevel: {
    flag: 'log-level',
    env: 'NOOM_LOG_LEVEL',
    value: 'LEVEL',
    help: 'fatal|error|warn|info|debug|trace|silent; default info',
  },
  resumeGraceMs: {
    flag: 'resume-grace-ms',
    env: 'NOOM_RESUME_GRACE_MS',
    value: 'MS',
    help: `how long a dropped member keeps its seat; default ${LIMITS.resumeGraceMs}`,
  },
  secret: {
    flag: 'secret',
    env: 'NOOM_SECRET',
    value: 'TEXT',
    help: 'seals resume tokens (16+ chars); the same across restarts lets calls resume',
    secret: true,
  },
  staticDir: {
    flag: 'static-dir',
    env: 'NOOM_STATIC_DIR',
    value: 'DIR',
    help: 'built renderer to serve at /; default out/renderer',
  },
  stunUrls: {
    flag: 'stun-urls',
    env: 'NOOM_STUN_URLS',
    value: 'LIST',
    help: 'STUN servers for clients, comma-separated stun: URLs',
  },
  turnSecret: {
    flag: 'turn-secret',
    env: 'NOOM_TURN_SECRET',
    value: 'TEXT',
    help: "coturn's static-auth-secret (16+ chars); with --turn-urls, joins get TURN credentials",
    secret: true,
  },
  turnUrls: {
    flag: 'turn-urls',
    env: 'NOOM_TURN_URLS',
    value: 'LIST',
    help: 'that coturn, comma-separated turn:/turns: URLs (?transport=udp|tcp allowed)',
  },
  turnTtl: {
    flag: 'turn-ttl',
    env: 'NOOM_TURN_TTL',
    value: 'SECONDS',
    help: `how long issued TURN credentials last; default ${DEFAULT_TURN_TTL_SECONDS} (24 h)`,
  },
  maxConnectionsPerAddress: {
    flag: 'max-connections-per-address',
    env: 'NOOM_MAX_CONNECTIONS_PER_ADDRESS',
    value: 'N',
    help: 'open connections per client address (0: no cap); default 20',
  },
  trustProxy: {
    flag: 'trust-proxy',
    env: 'NOOM_TRUST_PROXY',
    value: '',
    help: 'take client addresses from X-Forwarded-For (behind a proxy only)',
    boolean: true,
  },
} as const satisfies Record<string, Setting>

type Key = keyof typeof SETTINGS

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
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

const schema = z.strictObject({
  port: integer(0, 65_535).default(3000),
  host: z.string().min(1).default('0.0.0.0'),
  allowedOrigins: list.default([]),
  capacity: integer(2, LIMITS.maxCapacity).default(LIMITS.defaultCapacity),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  resumeGraceMs: integer(0, 10 * 60_000).default(LIMITS.resumeGraceMs),
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
  staticDir: z.string().min(1).optional(),
  stunUrls: urlList(isStunUrl, 'a stun: or stuns: URL').default([]),
  turnSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  turnUrls: urlList(isTurnUrl, 'a turn: or turns: URL')
    .pipe(z.array(z.string()).min(1, 'must list at least one URL'))
    .optional(),
  turnTtl: integer(60, 7 * 24 * 60 * 60).optional(),
  maxConnectionsPerAddress: integer(0, 1_000_000).default(20),
  trustProxy: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
})

export type CliResult =
  | { kind: 'run'; options: RendezvousOptions & { logLevel: string } }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string }

/** Flags win over env vars; `PORT` is honoured too, as platforms set it. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliResult {
  const entries = Object.entries(SETTINGS) as [Key, Setting][]
  let values: Record<string, string | boolean | undefined>
  try {
    const parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          entries.map(([, s]) => [s.flag, { type: s.boolean ? 'boolean' : 'string' }] as const),
        ),
      },
    })
    values = parsed.values
  } catch (err) {
    return { kind: 'error', message: `${(err as Error).message}\nTry --help.` }
  }
  if (values.help) return { kind: 'help', text: helpText() }

  const raw: Record<string, string> = {}
  for (const [key, setting] of entries) {
    const value =
      values[setting.flag] ?? env[setting.env] ?? (key === 'port' ? env.PORT : undefined)
    if (value !== undefined) raw[key] = String(value)
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]
    const key = issue?.path[0] as Key | undefined
    const setting: Setting | undefined = key ? SETTINGS[key] : undefined
    const where = setting ? `--${setting.flag} (${setting.env})` : 'settings'
    const value = key ? raw[key] : undefined
    // An issue inside a URL list (path [key, index]) already quotes the bad entry.
    const quoted = (issue?.path.length ?? 0) > 1
    const got = value !== undefined && !setting?.secret && !quoted ? ` (got "${value}")` : ''
    return { kind: 'error', message: `${where}: ${issue?.message ?? 'invalid'}${got}` }
  }
  const { stunUrls, staticDir, turnSecret, turnUrls, turnTtl, ...rest } = result.data
  const turn = turnOptions(turnSecret, turnUrls, turnTtl)
  if (typeof turn === 'string') return { kind: 'error', message: turn }
  return {
    kind: 'run',
    options: {
      ...rest,
      ...(staticDir === undefined ? {} : { staticDir }),
      iceServers: stunUrls.length > 0 ? [{ urls: stunUrls }] : [],
      ...(turn ? { turn } : {}),
    },
  }
}

const describeFlag = (key: 'turnSecret' | 'turnUrls' | 'turnTtl') =>
  `--${SETTINGS[key].flag} (${SETTINGS[key].env})`

/** The TURN settings come as a pair (plus an optional TTL); half a pair is an error message. */
function turnOptions(
  secret: string | undefined,
  urls: string[] | undefined,
  ttlSeconds: number | undefined,
): RendezvousOptions['turn'] | string | null {
  if (secret !== undefined && urls === undefined) {
    return `${describeFlag('turnUrls')} is needed with ${describeFlag('turnSecret')}`
  }
  if (urls !== undefined && secret === undefined) {
    return `${describeFlag('turnSecret')} is needed with ${describeFlag('turnUrls')}`
  }
  if (secret === undefined || urls === undefined) {
    return ttlSeconds === undefined
      ? null
      : `${describeFlag('turnTtl')} needs ${describeFlag('turnSecret')} and ${describeFlag('turnUrls')}`
  }
  return { secret, urls, ttlSeconds: ttlSeconds ?? DEFAULT_TURN_TTL_SECONDS }
}

function helpText(): string {
  const rows = Object.values(SETTINGS).map((s: Setting) => {
    const left = `  --${s.flag}${s.value ? ` ${s.value}` : ''}`
    return `${left.padEnd(40)} ${s.help}\n${' '.repeat(41)}env ${s.env}`
  })
  return [
    'Usage: noom-server [options]',
    '',
    'Noom rendezvous server: rooms, nicknames, chat and WebRTC signalling over Socket.IO.',
    '',
    ...rows,
    '  -h, --help                             show this help',
  ].join('\n')
}
