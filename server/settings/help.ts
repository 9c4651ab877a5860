/** The text of `noom-server --help`, made from the settings table. */
import { SETTING_KEYS, settingOf } from '../settings-table.js'
import type { Setting } from './row.js'

/** How --help shows a setting's default. */
function shownDefault(setting: Setting<unknown>): string {
  if (setting.shown !== undefined) return setting.shown
  const value = setting.default
  if (value === undefined) return 'none'
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',')
  const primitive =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  return primitive ? String(value) : JSON.stringify(value)
}

const row = (left: string, help: string, detail: string) =>
  `${left.padEnd(35)} ${help}\n${' '.repeat(36)}${detail}`

/** Every option with its env var, config key, default and description. */
export function helpText(): string {
  const rows = SETTING_KEYS.map((key) => {
    const s = settingOf(key)
    const env = [s.env, ...(s.envAliases ?? []).map((alias) => `(or ${alias})`)].join(' ')
    const detail = `env ${env} · config "${key}" · default ${shownDefault(s)}`
    return row(`  --${s.flag}${s.placeholder ? ` ${s.placeholder}` : ''}`, s.help, detail)
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
