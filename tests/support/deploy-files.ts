/**
 * What the self-hosting conformance tests share: the files docs/self-hosting.md hands operators, the
 * server's own settings (read through its --help), and readers for the plain-text formats of those
 * files. Docker, Caddy, nginx and systemd are not run by the tests: their files are read as text.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseCli } from '../../server/cli-options.js'

/** The repository's root folder. */
export const repo = resolve(import.meta.dirname, '../..')

/** A file of the repository, by its path from the root. */
export const read = (path: string): string => readFileSync(resolve(repo, path), 'utf8')

export const GUIDE = 'docs/self-hosting.md'
export const COMPOSE = 'deploy/docker-compose.yml'
export const ENV_EXAMPLE = 'deploy/.env.example'
export const TURN_CONF = 'deploy/coturn/turnserver.conf'
export const CADDYFILE = 'deploy/caddy/Caddyfile'
export const NGINX = 'deploy/nginx/noom.conf'
export const UNIT = 'deploy/systemd/noom-server.service'
export const UNIT_ENV = 'deploy/systemd/noom-server.env.example'
export const CONFIG_EXAMPLE = 'deploy/noom-server.example.json'

/** The server's flags (without `--`) and env vars, as its own --help lists them. */
export function serverSettings(): { flags: Set<string>; env: Set<string> } {
  const result = parseCli(['--help'], {})
  if (result.kind !== 'help') throw new Error(`--help gave ${result.kind}`)
  const help = result.text
  return {
    flags: new Set([...help.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1] ?? '')),
    env: new Set([...help.matchAll(/\b(NOOM_[A-Z0-9_]+)\b/g)].map((m) => m[1] ?? '')),
  }
}

/** Each `--flag` token of a text, with the line it is on. */
export function flagsIn(text: string): { flag: string; line: string }[] {
  return text
    .split('\n')
    .flatMap((line) =>
      [...line.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => ({ flag: m[1] ?? '', line })),
    )
}

/** The NOOM_* names a text mentions, each once. */
export const envIn = (text: string): string[] => [
  ...new Set([...text.matchAll(/\b(NOOM_[A-Z0-9_]+)\b/g)].map((m) => m[1] ?? '')),
]

/** Lines that are not comments or blank, trimmed (for comparing configs quoted in the guide). */
export const meaningful = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))

/**
 * VAR=value lines of an env file, a value in single or double quotes unquoted (as systemd and
 * Compose read them); `commented` also takes `#VAR=value` lines.
 */
export function envFile(text: string, commented = false): Map<string, string> {
  const pattern = commented ? /^#?([A-Z][A-Z0-9_]*)=(.*)$/ : /^([A-Z][A-Z0-9_]*)=(.*)$/
  const unquote = (value: string) => /^(['"])(.*)\1$/.exec(value)?.[2] ?? value
  return new Map(
    text
      .split('\n')
      .map((line) => pattern.exec(line.trim()))
      .filter((m) => m !== null)
      .map((m) => [m[1] ?? '', unquote(m[2] ?? '')]),
  )
}
