// docs/self-hosting.md and what it hands operators (deploy/, Dockerfile, .dockerignore, the
// noom-server bin) held to the server they describe: every flag and variable they name is one the
// server has (read from its own settings, through --help), and every setting the server has is in
// the guide; the deploy files carry the settings the guide promises; the coturn file is accepted by
// a real coturn, which then refuses relays to private addresses and allows public ones; the image's
// health check works against a real server. Docker, Caddy and nginx are not run here: their files
// are read as text.
import { spawn, spawnSync } from 'node:child_process'
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { load } from 'js-yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseCli } from '../../server/cli-options.js'
import { startServer, stopAll } from '../support/harness.js'
import { allocate, stunBinding } from '../support/turn-client.js'
import { findTurnserver, turnserverMissing } from '../support/turn-server.js'
import { turnCredentials } from '../../server/turn/credentials.js'

const repo = resolve(import.meta.dirname, '../..')
const read = (path: string): string => readFileSync(resolve(repo, path), 'utf8')

const GUIDE = 'docs/self-hosting.md'
const COMPOSE = 'deploy/docker-compose.yml'
const ENV_EXAMPLE = 'deploy/.env.example'
const TURN_CONF = 'deploy/coturn/turnserver.conf'
const CADDYFILE = 'deploy/caddy/Caddyfile'
const NGINX = 'deploy/nginx/noom.conf'
const UNIT = 'deploy/systemd/noom-server.service'
const UNIT_ENV = 'deploy/systemd/noom-server.env.example'
const CONFIG_EXAMPLE = 'deploy/noom-server.example.json'

// ---------------------------------------------------------------------------------------------
// The server's settings, as its own --help lists them.

const help = (() => {
  const result = parseCli(['--help'], {})
  if (result.kind !== 'help') throw new Error(`--help gave ${result.kind}`)
  return result.text
})()
const serverFlags = new Set([...help.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1] ?? ''))
const serverEnv = new Set([...help.matchAll(/\b(NOOM_[A-Z0-9_]+)\b/g)].map((m) => m[1] ?? ''))

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

/** Each `--flag` token of a text, with the line it is on. */
function flagsIn(text: string): { flag: string; line: string }[] {
  return text
    .split('\n')
    .flatMap((line) =>
      [...line.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => ({ flag: m[1] ?? '', line })),
    )
}

const envIn = (text: string): string[] => [
  ...new Set([...text.matchAll(/\b(NOOM_[A-Z0-9_]+)\b/g)].map((m) => m[1] ?? '')),
]

/** Lines that are not comments or blank, trimmed (for comparing configs quoted in the guide). */
const meaningful = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))

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

// ---------------------------------------------------------------------------------------------
// Docker

/** A Dockerfile's instructions, continuation lines joined, comments dropped, by stage. */
function dockerStages(text: string): { name: string; from: string; lines: string[] }[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  const stages: { name: string; from: string; lines: string[] }[] = []
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line)
    if (from) stages.push({ from: from[1] ?? '', name: from[2] ?? '', lines: [] })
    else stages.at(-1)?.lines.push(line)
  }
  return stages
}

describe('Dockerfile', () => {
  const text = read('Dockerfile')
  const stages = dockerStages(text)
  const build = stages.find((stage) => stage.name === 'build')
  const runtime = stages.at(-1)
  const has = (lines: string[] | undefined, pattern: RegExp) =>
    (lines ?? []).some((line) => pattern.test(line))

  afterAll(stopAll)

  it('builds in one stage and runs from another, on a supported Node LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    expect(build).toBeDefined()
    expect(runtime).not.toBe(build)
    const image = /^ARG NODE_IMAGE=node:(\d+)-(bookworm-slim|alpine)/m.exec(text)
    expect(image, 'ARG NODE_IMAGE=node:<major>-bookworm-slim').not.toBeNull()
    // package.json asks for Node 20.19+; 20 itself is past its end of life.
    expect(Number(image?.[1])).toBeGreaterThanOrEqual(22)
  })

  it('installs every dependency without the Electron binary or browsers, then builds', () => {
    expect(has(build?.lines, /ELECTRON_SKIP_BINARY_DOWNLOAD=1/)).toBe(true)
    expect(has(build?.lines, /PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1/)).toBe(true)
    expect(has(build?.lines, /^RUN .*\bnpm ci$/)).toBe(true)
    expect(has(build?.lines, /^RUN npm run build$/)).toBe(true)
  })

  it('ships production dependencies and the built server and web app only', () => {
    expect(has(runtime?.lines, /^RUN .*\bnpm ci --omit=dev\b/)).toBe(true)
    expect(has(runtime?.lines, /^COPY --from=build \/app\/out\/server /)).toBe(true)
    expect(has(runtime?.lines, /^COPY --from=build \/app\/out\/renderer /)).toBe(true)
    expect(has(runtime?.lines, /^COPY (\.|src|server|protocol)\b/)).toBe(false)
  })

  it('runs the server as the unprivileged node user, on 0.0.0.0:3000, with no secret baked in', () => {
    const users = (runtime?.lines ?? []).filter((line) => line.startsWith('USER '))
    expect(users.at(-1)).toBe('USER node')
    expect(has(runtime?.lines, /^ENV .*\bNOOM_HOST=0\.0\.0\.0\b/)).toBe(true)
    expect(has(runtime?.lines, /^EXPOSE 3000$/)).toBe(true)
    expect(runtime?.lines.at(-1)).toBe('CMD ["node", "bin/noom-server.js"]')
    const env = (runtime?.lines ?? []).filter((line) => line.startsWith('ENV ')).join(' ')
    expect(env).not.toMatch(/SECRET|TOKEN|PASSWORD/)
  })

  it('has a HEALTHCHECK on /healthz that passes against a running server and fails without one', async () => {
    const line = (runtime?.lines ?? []).find((l) => l.startsWith('HEALTHCHECK '))
    const command = z
      .array(z.string())
      .parse(JSON.parse(line?.slice(line.indexOf('CMD') + 3) ?? 'null'))
    expect(command.slice(0, 2)).toEqual(['node', '-e'])
    expect(command[2]).toContain('/healthz')
    // Run as Docker would, in a process of its own (the server answers from this one meanwhile).
    const check = (port: number) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, command.slice(1), {
          env: { ...process.env, NOOM_PORT: String(port) },
          stdio: 'ignore',
          timeout: 10_000,
        })
        child.once('exit', (code) => done(code))
      })
    const { url } = await startServer()
    const port = Number(new URL(url).port)
    expect(await check(port)).toBe(0)
    await stopAll()
    expect(await check(port)).toBe(1)
  })

  it('.dockerignore keeps dependencies, build output, git and secrets out of the context', () => {
    const ignored = new Set(meaningful(read('.dockerignore')))
    for (const entry of ['node_modules', 'out', 'dist', '.git', 'test-results', '.env', '**/.env'])
      expect(ignored, entry).toContain(entry)
  })
})

// ---------------------------------------------------------------------------------------------
// Docker Compose

const service = z.object({
  build: z.unknown().optional(),
  image: z.string().optional(),
  environment: z.record(z.string(), z.string()).optional(),
  ports: z.array(z.string()).optional(),
  command: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  networks: z.array(z.string()).optional(),
  network_mode: z.string().optional(),
  read_only: z.boolean().optional(),
  cap_drop: z.array(z.string()).optional(),
  security_opt: z.array(z.string()).optional(),
})
const composeSchema = z.object({
  services: z.record(z.string(), service),
  networks: z.record(z.string(), z.object({ internal: z.boolean().optional() }).nullable()),
})

/** YAML merge keys (`<<: *anchor`) applied, whether or not the YAML loader did it. */
function merged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(merged)
  if (value === null || typeof value !== 'object') return value
  const { '<<': base, ...rest } = value as Record<string, unknown>
  const entries = Object.entries(rest).map(([key, inner]) => [key, merged(inner)] as const)
  const from = base === undefined ? {} : z.record(z.string(), z.unknown()).parse(merged(base))
  return { ...from, ...Object.fromEntries(entries) }
}

/**
 * VAR=value lines of an env file, a value in single or double quotes unquoted (as systemd and
 * Compose read them); `commented` also takes `#VAR=value` lines.
 */
function envFile(text: string, commented = false): Map<string, string> {
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

describe('deploy/docker-compose.yml', () => {
  const text = read(COMPOSE)
  const compose = composeSchema.parse(merged(load(text)))
  const { services } = compose
  const nodes = Object.entries(services).filter(([, s]) => s.build !== undefined)
  const env = envFile(read(ENV_EXAMPLE))

  it('parses, with Noom nodes built from this repository, Redis, coturn and Caddy', () => {
    expect(nodes.length).toBeGreaterThanOrEqual(1)
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['redis', 'coturn', 'caddy']))
  })

  it('gives every node the same required secret, --trust-proxy, and only settings the server has', () => {
    for (const [name, node] of nodes) {
      const environment = node.environment ?? {}
      expect(
        Object.keys(environment).filter((key) => !serverEnv.has(key)),
        name,
      ).toEqual([])
      expect(environment.NOOM_SECRET, name).toMatch(/^\$\{NOOM_SECRET:\?/)
      expect(environment.NOOM_TRUST_PROXY, name).toBe('true')
      if (nodes.length > 1) expect(environment.NOOM_REDIS_URL, name).toBe('redis://redis:6379')
    }
  })

  it('publishes nothing but Caddy, and runs the nodes read-only without capabilities', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports !== undefined)
      .map(([name]) => name)
    expect(published).toEqual(['caddy'])
    expect(services.caddy?.ports).toEqual(expect.arrayContaining(['443:443', '80:80']))
    for (const [name, node] of [...nodes, ['redis', services.redis] as const]) {
      expect(node?.read_only, name).toBe(true)
      expect(node?.cap_drop, name).toContain('ALL')
      expect(node?.security_opt, name).toContain('no-new-privileges:true')
    }
  })

  it('keeps Redis ephemeral and on an internal network only the nodes share', () => {
    const redis = services.redis
    expect(redis?.command).toEqual(['redis-server', '--save', '', '--appendonly', 'no'])
    const networks = redis?.networks ?? []
    expect(networks.length).toBeGreaterThan(0)
    for (const network of networks) {
      expect(compose.networks[network]?.internal, network).toBe(true)
      const members = Object.entries(services)
        .filter(([, s]) => s.networks?.includes(network))
        .map(([name]) => name)
      expect(members.sort()).toEqual([...nodes.map(([name]) => name), 'redis'].sort())
    }
  })

  it("runs coturn with deploy/coturn/turnserver.conf and the nodes' TURN secret", () => {
    const coturn = services.coturn
    expect(coturn?.volumes).toContain('./coturn/turnserver.conf:/etc/coturn/turnserver.conf:ro')
    expect(coturn?.command?.slice(0, 2)).toEqual(['-c', '/etc/coturn/turnserver.conf'])
    expect(coturn?.command).toContain(
      '--static-auth-secret=${NOOM_TURN_SECRET:?set NOOM_TURN_SECRET in deploy/.env}',
    )
    for (const [name, node] of nodes)
      expect(node.environment?.NOOM_TURN_SECRET, name).toMatch(/^\$\{NOOM_TURN_SECRET:\?/)
  })

  it('runs Caddy with deploy/caddy/Caddyfile, which balances over exactly the nodes', () => {
    expect(services.caddy?.volumes).toContain('./caddy/Caddyfile:/etc/caddy/Caddyfile:ro')
    const upstreams = /reverse_proxy\s+([^{\n]+)\{/.exec(read(CADDYFILE))?.[1]?.trim().split(/\s+/)
    expect(upstreams).toEqual(nodes.map(([name]) => `${name}:3000`))
  })

  it('reads only variables that .env.example defines, with no secret filled in', () => {
    const used = [...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:?[-?][^}]*)?\}/g)]
    const undefinedVars = used
      .filter(([, name, modifier]) => !modifier?.startsWith(':-') && !env.has(name ?? ''))
      .map(([, name]) => name)
    expect(undefinedVars).toEqual([])
    for (const name of ['NOOM_SECRET', 'NOOM_TURN_SECRET']) expect(env.get(name), name).toBe('')
  })
})

// ---------------------------------------------------------------------------------------------
// coturn

/** `key` or `key=value` lines of turnserver.conf. */
function turnConf(text: string): [string, string | undefined][] {
  return meaningful(text).map((line) => {
    const at = line.indexOf('=')
    return at < 0 ? [line, undefined] : [line.slice(0, at), line.slice(at + 1)]
  })
}

/** An IPv4 or IPv6 address as a number, IPv4 in its own space (coturn keeps the families apart). */
function ipNumber(address: string): { v6: boolean; n: bigint } {
  if (/^\d+(\.\d+){3}$/.test(address)) {
    return { v6: false, n: address.split('.').reduce((n, part) => (n << 8n) | BigInt(part), 0n) }
  }
  let text = address
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1]
  if (v4) {
    const n = ipNumber(v4).n
    text = text.slice(0, -v4.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parts = (s: string) => (s === '' ? [] : s.split(':'))
  const groups =
    tail === undefined
      ? parts(head)
      : [
          ...parts(head),
          ...Array<string>(8 - parts(head).length - parts(tail).length).fill('0'),
          ...parts(tail),
        ]
  if (groups.length !== 8) throw new Error(`not an address: ${address}`)
  return { v6: true, n: groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n) }
}

function deniedRanges(conf: [string, string | undefined][]) {
  return conf
    .filter(([key]) => key === 'denied-peer-ip')
    .map(([, value = '']) => {
      const [first = '', last = first] = value.split('-')
      return { value, first: ipNumber(first), last: ipNumber(last) }
    })
}

const MUST_BE_DENIED = [
  '0.0.0.0',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.254',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.169.254',
  '169.254.0.1',
  '172.16.0.1',
  '172.31.255.254',
  '192.0.0.8',
  '192.0.2.1',
  '192.168.0.1',
  '192.168.255.254',
  '198.18.0.1',
  '198.51.100.1',
  '203.0.113.1',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '::1',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  '::ffff:127.0.0.1',
  '64:ff9b::a00:1',
  'fc00::1',
  'fd00:ec2::254',
  'fe80::1',
  'ff02::1',
  '2001:db8::1',
]
const MUST_BE_ALLOWED = [
  '1.1.1.1',
  '8.8.8.8',
  '11.0.0.1',
  '100.128.0.1',
  '172.32.0.1',
  '192.169.0.1',
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
]

describe('deploy/coturn/turnserver.conf', () => {
  const conf = turnConf(read(TURN_CONF))
  const keys = new Set(conf.map(([key]) => key))
  const value = (key: string) => conf.find(([k]) => k === key)?.[1]

  it('lets in only holders of credentials from the Noom server (use-auth-secret), with a realm', () => {
    expect(keys).toContain('use-auth-secret')
    expect(value('realm')).toMatch(/\S/)
    expect(keys).toContain('fingerprint')
    expect(Number(value('stale-nonce'))).toBeGreaterThan(0)
    // The secret is set where it is installed, never in the repository.
    expect(keys).not.toContain('static-auth-secret')
    for (const open of ['no-auth', 'lt-cred-mech', 'user', 'allow-loopback-peers', 'web-admin'])
      expect(keys, open).not.toContain(open)
  })

  it('relays neither over TCP nor to multicast, and has no console', () => {
    for (const key of ['no-tcp-relay', 'no-multicast-peers', 'no-cli']) expect(keys).toContain(key)
  })

  it('caps relays per user and in all, and bandwidth per relay above what a Noom member sends', () => {
    expect(Number(value('user-quota'))).toBeGreaterThanOrEqual(42)
    expect(Number(value('total-quota'))).toBeGreaterThan(0)
    // camera 1.5 Mbit/s + screen 2.5 Mbit/s per peer (src-renderer/engine/bitrate.ts), in bytes
    expect(Number(value('max-bps'))).toBeGreaterThanOrEqual(4_000_000 / 8)
  })

  it('serves turns: with a certificate and no TLS 1.0/1.1', () => {
    expect(value('cert')).toMatch(/^\/\S+\.pem$/)
    expect(value('pkey')).toMatch(/^\/\S+\.pem$/)
    expect(keys).toContain('no-tlsv1')
    expect(keys).toContain('no-tlsv1_1')
  })

  it('writes denied ranges as first-last (coturn 4.6 ignores CIDR), with no peer allowed back in', () => {
    const ranges = deniedRanges(conf)
    expect(ranges.filter(({ value }) => value.includes('/')).map(({ value }) => value)).toEqual([])
    for (const { value, first, last } of ranges) {
      expect(first.v6, value).toBe(last.v6)
      expect(first.n <= last.n, value).toBe(true)
    }
    expect(keys).not.toContain('allowed-peer-ip')
    // coturn 4.6 reads "::" as every address, IPv4 included (it refuses :: itself).
    expect(ranges.filter(({ value }) => value === '::' || value.startsWith('::-'))).toEqual([])
  })

  it('denies relays to private, loopback, link-local, CGNAT, metadata, reserved and multicast addresses', () => {
    const ranges = deniedRanges(conf)
    const denied = (address: string) => {
      const { v6, n } = ipNumber(address)
      return ranges.some(({ first, last }) => first.v6 === v6 && first.n <= n && n <= last.n)
    }
    expect(MUST_BE_DENIED.filter((address) => !denied(address))).toEqual([])
    expect(MUST_BE_ALLOWED.filter(denied)).toEqual([])
    expect(ranges.map(({ value }) => value)).toEqual(
      expect.arrayContaining(['10.0.0.0-10.255.255.255', '169.254.169.254']),
    )
  })
})

// A real coturn started with the file: it must read every line, admit credentials minted with the
// shared secret, refuse a relay to the addresses above and still allow one to a public address. No
// packet goes anywhere but loopback: CreatePermission only records a permission (or refuses it); it
// sends nothing to the peer.

const STUN_COOKIE = 0x2112a442
const CREATE_PERMISSION = 0x0008
const ALLOCATE = 0x0003
const ATTR = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  xorPeerAddress: 0x0012,
  realm: 0x0014,
  nonce: 0x0015,
  requestedTransport: 0x0019,
}

function stunAttribute(type: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(type, 0)
  head.writeUInt16BE(value.length, 2)
  return Buffer.concat([head, value, Buffer.alloc((4 - (value.length % 4)) % 4)])
}

function stunRequest(method: number, attributes: Buffer[], key?: Buffer): Buffer {
  const body = Buffer.concat(attributes)
  const head = Buffer.alloc(20)
  head.writeUInt16BE(method, 0)
  head.writeUInt16BE(body.length + (key ? 24 : 0), 2)
  head.writeUInt32BE(STUN_COOKIE, 4)
  randomBytes(12).copy(head, 8)
  const message = Buffer.concat([head, body])
  if (!key) return message
  const mac = createHmac('sha1', key).update(message).digest()
  return Buffer.concat([message, stunAttribute(ATTR.messageIntegrity, mac)])
}

function stunAnswer(bytes: Buffer): { type: number; id: string; attributes: Map<number, Buffer> } {
  const attributes = new Map<number, Buffer>()
  for (let at = 20; at + 4 <= 20 + bytes.readUInt16BE(2);) {
    const size = bytes.readUInt16BE(at + 2)
    attributes.set(bytes.readUInt16BE(at), bytes.subarray(at + 4, at + 4 + size))
    at += 4 + size + ((4 - (size % 4)) % 4)
  }
  return { type: bytes.readUInt16BE(0), id: bytes.subarray(8, 20).toString('hex'), attributes }
}

const errorCode = (answer: ReturnType<typeof stunAnswer>): number => {
  const value = answer.attributes.get(ATTR.errorCode)
  return value ? (value.readUInt8(2) & 7) * 100 + value.readUInt8(3) : 0
}

/** XOR-PEER-ADDRESS of an IPv4 address (RFC 5766 §14.3). */
function xorPeer(address: string, port: number): Buffer {
  const value = Buffer.alloc(8)
  value.writeUInt16BE(0x0001, 0)
  value.writeUInt16BE(port ^ (STUN_COOKIE >>> 16), 2)
  value.writeUInt32BE((Number(ipNumber(address).n) ^ STUN_COOKIE) >>> 0, 4)
  return value
}

/** One UDP 5-tuple to coturn: an allocation, then permission requests on it. */
class TurnSession {
  readonly #socket: UdpSocket = createSocket('udp4')
  readonly #waiting = new Map<string, (answer: ReturnType<typeof stunAnswer>) => void>()
  #auth: Buffer[] = []
  #key: Buffer | undefined

  constructor(
    readonly port: number,
    readonly credentials: { username: string; password: string },
  ) {
    this.#socket.on('message', (bytes) => {
      const answer = stunAnswer(bytes)
      this.#waiting.get(answer.id)?.(answer)
    })
  }

  #send(request: Buffer): Promise<ReturnType<typeof stunAnswer>> {
    const id = request.subarray(8, 20).toString('hex')
    return new Promise((resolve, reject) => {
      const resend = setInterval(() => this.#socket.send(request, this.port, '127.0.0.1'), 400)
      const timer = setTimeout(() => {
        clearInterval(resend)
        reject(new Error('coturn did not answer'))
      }, 5_000)
      this.#waiting.set(id, (answer) => {
        clearInterval(resend)
        clearTimeout(timer)
        this.#waiting.delete(id)
        resolve(answer)
      })
      this.#socket.send(request, this.port, '127.0.0.1')
    })
  }

  /** Allocates a UDP relay; resolves with 0 on success, else the error code. */
  async allocate(): Promise<number> {
    const transport = stunAttribute(ATTR.requestedTransport, Buffer.from([17, 0, 0, 0]))
    const challenge = await this.#send(stunRequest(ALLOCATE, [transport]))
    const realm = challenge.attributes.get(ATTR.realm) ?? Buffer.alloc(0)
    const nonce = challenge.attributes.get(ATTR.nonce) ?? Buffer.alloc(0)
    const { username, password } = this.credentials
    this.#key = createHash('md5').update(`${username}:${realm.toString()}:${password}`).digest()
    this.#auth = [
      stunAttribute(ATTR.username, Buffer.from(username)),
      stunAttribute(ATTR.realm, realm),
      stunAttribute(ATTR.nonce, nonce),
    ]
    const answer = await this.#send(stunRequest(ALLOCATE, [transport, ...this.#auth], this.#key))
    return answer.type === (ALLOCATE | 0x0100) ? 0 : errorCode(answer)
  }

  /** Asks for a permission to `address`; resolves with 0 when granted, else the error code. */
  async permit(address: string): Promise<number> {
    const peer = stunAttribute(ATTR.xorPeerAddress, xorPeer(address, 9))
    const answer = await this.#send(
      stunRequest(CREATE_PERMISSION, [peer, ...this.#auth], this.#key),
    )
    return answer.type === (CREATE_PERMISSION | 0x0100) ? 0 : errorCode(answer)
  }

  close(): void {
    this.#socket.close()
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const udp = createSocket('udp4')
    udp.once('error', () => done(false))
    udp.bind(port, '127.0.0.1', () =>
      udp.close(() => {
        const tcp = createServer()
        tcp.once('error', () => done(false))
        tcp.listen(port, '127.0.0.1', () => tcp.close(() => done(true)))
      }),
    )
  })
}

/** A listening port and a run of relay ports above it, free now (below the ephemeral range). */
async function turnPorts(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    let free = true
    for (let p = port; p <= port + 11 && free; p++) free = await portFree(p)
    if (free) return port
  }
  throw new Error('no free ports for coturn')
}

const missingTurn = turnserverMissing()
if (missingTurn) console.warn(`Skipping the coturn run of ${TURN_CONF}: ${missingTurn}`)

describe.skipIf(missingTurn !== null)(`a real coturn started with ${TURN_CONF}`, () => {
  const SECRET = 'self-hosting-test-secret-4d1c'
  let port = 0
  let log = ''
  let stop: () => Promise<void> = () => Promise.resolve()

  beforeAll(async () => {
    port = await turnPorts()
    const dir = mkdtempSync(join(tmpdir(), 'noom-turnconf-'))
    // The file as shipped, plus what only a test needs: loopback, free ports, no TLS, the secret.
    const child = spawn(
      findTurnserver() ?? 'turnserver',
      [
        '-c',
        resolve(repo, TURN_CONF),
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${port}`,
        `--min-port=${port + 2}`,
        `--max-port=${port + 11}`,
        '--no-tls',
        '--no-dtls',
        `--static-auth-secret=${SECRET}`,
        `--pidfile=${join(dir, 'turnserver.pid')}`,
        `--userdb=${join(dir, 'turndb')}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
    const deadline = Date.now() + 15_000
    while (!(await stunBinding({ host: '127.0.0.1', port }, 500))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no coturn:\n${log}`)
    }
  })
  afterAll(() => stop())

  it('reads every line, listing each denied range', () => {
    expect(log).not.toMatch(/Bad configuration format|Wrong address format|unrecognized option/)
    const listed = new Set([...log.matchAll(/Black listing: (\S+)/g)].map((m) => m[1]))
    const ranges = deniedRanges(turnConf(read(TURN_CONF))).map(({ value }) => value)
    expect(ranges.filter((range) => !listed.has(range))).toEqual([])
  })

  it('allocates for credentials made with the shared secret, and refuses others with 401', async () => {
    const good = turnCredentials({
      secret: SECRET,
      memberId: 'm1',
      ttlSeconds: 600,
      now: Date.now(),
    })
    const forged = turnCredentials({
      secret: 'another-secret-entirely',
      memberId: 'm1',
      ttlSeconds: 600,
      now: Date.now(),
    })
    const at = { host: '127.0.0.1', port }
    const asPassword = ({ username, credential }: typeof good) => ({
      username,
      password: credential,
    })
    expect(await allocate(at, asPassword(good))).toMatchObject({ ok: true })
    expect(await allocate(at, asPassword(forged))).toMatchObject({ ok: false, code: 401 })
  })

  it('refuses with 403 a relay to private, loopback, link-local, CGNAT, metadata and multicast IPv4, and allows public ones', async () => {
    const { username, credential } = turnCredentials({
      secret: SECRET,
      memberId: 'm2',
      ttlSeconds: 600,
      now: Date.now(),
    })
    const session = new TurnSession(port, { username, password: credential })
    try {
      expect(await session.allocate(), log.slice(-2_000)).toBe(0)
      const v4 = MUST_BE_DENIED.filter((address) => /^\d+(\.\d+){3}$/.test(address))
      const answers: Record<string, number> = {}
      for (const address of v4) answers[address] = await session.permit(address)
      expect(answers).toEqual(Object.fromEntries(v4.map((address) => [address, 403])))
      // A relay that refuses everything would pass the line above and carry no call.
      const publicV4 = MUST_BE_ALLOWED.filter((address) => /^\d+(\.\d+){3}$/.test(address))
      for (const address of publicV4) expect(await session.permit(address), address).toBe(0)
    } finally {
      session.close()
    }
  })
})

// ---------------------------------------------------------------------------------------------
// systemd

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

// ---------------------------------------------------------------------------------------------
// Reverse proxies

describe('deploy/nginx/noom.conf', () => {
  const text = read(NGINX).replace(/#.*$/gm, '')
  const locations = [...text.matchAll(/location\s+([^{]+)\{([^}]*)\}/g)].map((m) => ({
    path: (m[1] ?? '').trim(),
    body: m[2] ?? '',
  }))
  const proxied = locations.filter(({ body }) => body.includes('proxy_pass'))

  it('upgrades WebSockets on /socket.io/ and waits longer than the heartbeat', () => {
    const socketIo = locations.find(({ path }) => path === '/socket.io/')?.body ?? ''
    expect(socketIo).toMatch(/proxy_http_version 1\.1;/)
    expect(socketIo).toMatch(/proxy_set_header Upgrade \$http_upgrade;/)
    expect(socketIo).toMatch(/proxy_set_header Connection \$connection_upgrade;/)
    // The server pings every 10 s and waits 10 s for the answer (server/server.ts).
    const timeout = /proxy_read_timeout (\d+)s;/.exec(socketIo)?.[1]
    expect(Number(timeout)).toBeGreaterThanOrEqual(30)
  })

  it('passes the Host and replaces X-Forwarded-For in every proxied location (no inheritance)', () => {
    expect(proxied.length).toBeGreaterThanOrEqual(2)
    for (const { path, body } of proxied) {
      expect(body, path).toMatch(/proxy_set_header Host \$http_host;/)
      expect(body, path).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/)
    }
    expect(text).not.toContain('$proxy_add_x_forwarded_for;')
  })

  it('answers 404 for /metrics', () => {
    expect(locations.find(({ path }) => path === '= /metrics')?.body).toMatch(/return 404;/)
  })
})

describe('deploy/caddy/Caddyfile', () => {
  const text = read(CADDYFILE)

  it('routes by /readyz, replaces X-Forwarded-For and answers 404 for /metrics', () => {
    expect(text).toMatch(/^\s*health_uri \/readyz$/m)
    expect(text).toMatch(/^\s*header_up X-Forwarded-For \{remote_host\}$/m)
    expect(text).toMatch(/^\s*@metrics path \/metrics /m)
    expect(text).toMatch(/^\s*respond @metrics 404$/m)
  })
})

// ---------------------------------------------------------------------------------------------
// npx noom-server

describe('the noom-server command', () => {
  const pkg = z
    .object({
      bin: z.record(z.string(), z.string()),
      files: z.array(z.string()),
      scripts: z.record(z.string(), z.string()),
    })
    .parse(JSON.parse(read('package.json')))
  const builtCli = resolve(repo, 'out/server/server/cli.js')

  it('is the package bin, packed with the built server and web app, built before packing', () => {
    expect(pkg.bin['noom-server']).toBe('bin/noom-server.js')
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'out/server/', 'out/renderer/']))
    expect(pkg.scripts.prepack).toBe('npm run build')
    // The bin loads what tsc -p tsconfig.server.json writes.
    expect(read('bin/noom-server.js')).toContain("'../out/server/server/cli.js'")
    const tsconfig = z
      .object({ compilerOptions: z.object({ rootDir: z.string(), outDir: z.string() }) })
      .parse(JSON.parse(read('tsconfig.server.json')))
    expect(tsconfig.compilerOptions).toMatchObject({ rootDir: '.', outDir: 'out/server' })
  })

  it('says plainly that the server is not built, where it is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'noom-bin-'))
    try {
      const bin = join(dir, 'bin', 'noom-server.js')
      mkdirSync(dirname(bin))
      copyFileSync(resolve(repo, 'bin/noom-server.js'), bin)
      const run = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('the server is not built yet; run `npm run build:server` first')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  const notBuilt = existsSync(builtCli) ? null : 'out/server is not built (npm run build:server)'
  if (notBuilt) console.warn(`Skipping node bin/noom-server.js --help: ${notBuilt}`)

  it.skipIf(notBuilt !== null)('node bin/noom-server.js --help exits 0 with the usage', () => {
    const run = spawnSync(process.execPath, [resolve(repo, 'bin/noom-server.js'), '--help'], {
      encoding: 'utf8',
      timeout: 15_000,
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Usage: noom-server/)
  })
})
