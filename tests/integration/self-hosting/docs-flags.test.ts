// docs/self-hosting.md and the files of deploy/ held to the server they describe: every flag and
// variable they name is one the server has (read from its own settings, through --help), and every
// setting the server has is in the guide; the guide quotes the proxy configurations as deploy/ has
// them, and the example config file is one the server accepts.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseCli } from '../../../server/cli-options.js'
import {
  CADDYFILE,
  COMPOSE,
  CONFIG_EXAMPLE,
  ENV_EXAMPLE,
  envIn,
  flagsIn,
  GUIDE,
  meaningful,
  NGINX,
  read,
  repo,
  serverSettings,
  UNIT,
  UNIT_ENV,
} from '../../support/deploy-files.js'

const { flags: serverFlags, env: serverEnv } = serverSettings()

/** `--flag` tokens of other programs that the guide and deploy/ quote, with where they come from. */
const OTHER_PROGRAMS_FLAGS = new Map([
  ['now', 'systemctl enable --now'],
  ['webroot', 'certbot certonly --webroot'],
  ['build', 'docker compose up --build'],
  ['no-deps', 'docker compose up --no-deps'],
  ['build-arg', 'docker build --build-arg'],
  ['name', 'docker run --name'],
  ['rm', 'docker run --rm'],
  ['read-only', 'docker run --read-only'],
  ['cap-drop', 'docker run --cap-drop'],
  ['security-opt', 'docker run --security-opt'],
  ['omit', 'npm audit --omit=dev'],
  ['save', 'redis-server --save'],
  ['appendonly', 'redis-server --appendonly'],
])

describe('docs/self-hosting.md', () => {
  const guide = read(GUIDE)

  it('names only flags the server has (a flag still to come is marked "coming" on its line)', () => {
    const unknown = flagsIn(guide).filter(
      ({ flag, line }) =>
        !serverFlags.has(flag) && !OTHER_PROGRAMS_FLAGS.has(flag) && !/\bcoming\b/i.test(line),
    )
    expect(unknown.map(({ flag, line }) => `--${flag}: ${line.trim()}`)).toEqual([])
  })

  it('names only environment variables the server reads', () => {
    expect(envIn(guide).filter((name) => !serverEnv.has(name))).toEqual([])
  })

  it('documents every flag and environment variable of --help', () => {
    const named = new Set(flagsIn(guide).map(({ flag }) => flag))
    expect([...serverFlags].filter((flag) => !named.has(flag))).toEqual([])
    expect([...serverEnv].filter((name) => !guide.includes(name))).toEqual([])
  })

  it('names only metrics the server exports', () => {
    const dir = resolve(repo, 'server/metrics')
    const source = existsSync(dir)
      ? readdirSync(dir)
          .filter((file) => file.endsWith('.ts'))
          .map((file) => readFileSync(join(dir, file), 'utf8'))
          .join('\n')
      : ''
    const named = [...new Set([...guide.matchAll(/\b(noom_[a-z0-9_]+)\b/g)].map((m) => m[1]))]
    expect(named.filter((name) => !source.includes(`'${name}'`))).toEqual([])
  })

  it('links only to files that exist', () => {
    const links = [...guide.matchAll(/\]\(((?!https?:|#)[^)#\s]+)(?:#[^)]*)?\)/g)].map(
      (m) => m[1] ?? '',
    )
    expect(links.length).toBeGreaterThan(5)
    const missing = links.filter((link) => !existsSync(resolve(repo, 'docs', link)))
    expect(missing).toEqual([])
  })

  it.each([
    ['caddyfile', CADDYFILE],
    ['nginx', NGINX],
  ])('quotes the %s configuration exactly as deploy/ has it', (language, path) => {
    const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(guide)?.[1]
    expect(block, `a \`\`\`${language} block`).toBeDefined()
    expect(meaningful(block ?? '')).toEqual(meaningful(read(path)))
  })
})

describe('deploy/ names only settings the server has', () => {
  it.each([COMPOSE, ENV_EXAMPLE, UNIT, UNIT_ENV, CADDYFILE, NGINX, 'Dockerfile'])('%s', (path) => {
    const text = read(path)
    expect(envIn(text).filter((name) => !serverEnv.has(name))).toEqual([])
    if (path === COMPOSE || path === 'Dockerfile') return // their flags are Docker's, redis's, coturn's
    const unknown = flagsIn(text).filter(
      ({ flag }) => !serverFlags.has(flag) && !OTHER_PROGRAMS_FLAGS.has(flag),
    )
    expect(unknown.map(({ line }) => line.trim())).toEqual([])
  })

  it(`${CONFIG_EXAMPLE} is a config file the server accepts, with no secret in it`, () => {
    const keys = Object.keys(
      z.record(z.string(), z.unknown()).parse(JSON.parse(read(CONFIG_EXAMPLE))),
    )
    expect(keys.filter((key) => /secret|token|password|hash/i.test(key))).toEqual([])
    // Its TURN URLs need the TURN secret, which comes from the environment file.
    const result = parseCli(['--config', resolve(repo, CONFIG_EXAMPLE)], {
      NOOM_TURN_SECRET: 'turn-secret-from-the-environment',
    })
    expect(result.kind === 'error' ? result.message : result.kind).toBe('run')
  })
})
