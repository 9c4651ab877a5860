/**
 * Every setting of the server's command line: its flag, env var, config-file key (its key here),
 * default and one line of help. `--help` prints this table.
 */
import { LIMITS } from '../protocol/index.js'
import { DEFAULT_TURN_TTL_SECONDS } from './turn/credentials.js'

/** One setting. Its key in SETTINGS is also its key in a config file. */
export interface Setting {
  flag: string
  env: string
  /** Placeholder for the value in --help; empty for flags that take none. */
  value: string
  help: string
  /** The default, as --help shows it. */
  default?: string
  /** Flags that take no value (`--trust-proxy`). */
  boolean?: true
  /** Never echoed back in an error. */
  secret?: true
}

export const SETTINGS = {
  port: {
    flag: 'port',
    env: 'NOOM_PORT',
    value: 'N',
    help: 'port to listen on (0: any free)',
    default: '3000',
  },
  host: {
    flag: 'host',
    env: 'NOOM_HOST',
    value: 'ADDR',
    help: 'interface to listen on',
    default: '0.0.0.0',
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
    help: `members per room, 2-${LIMITS.maxCapacity}`,
    default: String(LIMITS.defaultCapacity),
  },
  logLevel: {
    flag: 'log-level',
    env: 'NOOM_LOG_LEVEL',
    value: 'LEVEL',
    help: 'fatal|error|warn|info|debug|trace|silent',
    default: 'info',
  },
  resumeGraceMs: {
    flag: 'resume-grace-ms',
    env: 'NOOM_RESUME_GRACE_MS',
    value: 'MS',
    help: 'how long a dropped member keeps its seat',
    default: String(LIMITS.resumeGraceMs),
  },
  secret: {
    flag: 'secret',
    env: 'NOOM_SECRET',
    value: 'TEXT',
    help: 'seals resume tokens (16+ chars); the same across restarts lets calls resume',
    default: 'random per process',
    secret: true,
  },
  staticDir: {
    flag: 'static-dir',
    env: 'NOOM_STATIC_DIR',
    value: 'DIR',
    help: 'built renderer to serve at / (in a config file: relative to the file)',
    default: 'out/renderer',
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
    help: 'how long issued TURN credentials last',
    default: `${DEFAULT_TURN_TTL_SECONDS} (24 h)`,
  },
  maxConnectionsPerAddress: {
    flag: 'max-connections-per-address',
    env: 'NOOM_MAX_CONNECTIONS_PER_ADDRESS',
    value: 'N',
    help: 'open connections per client address (0: no cap)',
    default: '20',
  },
  trustProxy: {
    flag: 'trust-proxy',
    env: 'NOOM_TRUST_PROXY',
    value: '',
    help: 'take client addresses from X-Forwarded-For (behind a proxy only)',
    default: 'off',
    boolean: true,
  },
  redisUrl: {
    flag: 'redis-url',
    env: 'NOOM_REDIS_URL',
    value: 'URL',
    help: 'redis:// URL: several servers share rooms through it (needs the same --secret)',
    // A Redis URL may carry a password.
    secret: true,
  },
  metrics: {
    flag: 'metrics',
    env: 'NOOM_METRICS',
    value: 'true|false',
    help: 'serve Prometheus metrics at /metrics',
    default: 'true',
  },
  metricsToken: {
    flag: 'metrics-token',
    env: 'NOOM_METRICS_TOKEN',
    value: 'TEXT',
    help: '/metrics then needs "Authorization: Bearer TEXT" (16+ chars)',
    secret: true,
  },
  adminUser: {
    flag: 'admin-user',
    env: 'NOOM_ADMIN_USER',
    value: 'NAME',
    help: 'turns on the read-only Socket.IO Admin UI at /admin/; needs --admin-password-hash',
  },
  adminPasswordHash: {
    flag: 'admin-password-hash',
    env: 'NOOM_ADMIN_PASSWORD_HASH',
    value: 'HASH',
    help: "bcrypt hash of the admin's password (make one with hash-password)",
    secret: true,
  },
} as const satisfies Record<string, Setting>

export type SettingKey = keyof typeof SETTINGS
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]
export const setting = (key: SettingKey): Setting => SETTINGS[key]

/** The text of `--help`: every option with its env var, config key, default and description. */
export function helpText(): string {
  const row = (left: string, help: string, detail: string) =>
    `${left.padEnd(35)} ${help}\n${' '.repeat(36)}${detail}`
  const rows = SETTING_KEYS.map((key) => {
    const s = setting(key)
    const env = key === 'port' ? `${s.env} (or PORT)` : s.env
    const detail = `env ${env} · config "${key}" · default ${s.default ?? 'none'}`
    return row(`  --${s.flag}${s.value ? ` ${s.value}` : ''}`, s.help, detail)
  })
  return [
    'Usage: noom-server [options]',
    '       noom-server hash-password   reads a password on stdin, prints its bcrypt hash',
    '',
    'Noom rendezvous server: rooms, nicknames, chat and WebRTC signalling over Socket.IO.',
    '',
    'Every option is also an environment variable and a key of the JSON config file (--config):',
    'the key is the option\'s name in camelCase, e.g. {"capacity": 6, "stunUrls": ["stun:a"]}.',
    'Flags win over env vars, env vars over the file, the file over defaults.',
    '',
    row('  --config FILE', 'JSON config file of settings', 'env NOOM_CONFIG · default none'),
    ...rows,
    `${'  -h, --help'.padEnd(35)} show this help`,
  ].join('\n')
}
