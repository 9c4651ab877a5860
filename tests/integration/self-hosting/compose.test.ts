// deploy/docker-compose.yml held to docs/self-hosting.md: Noom nodes sharing one secret behind
// Caddy, Redis ephemeral on an internal network, coturn with deploy/'s file, nothing published but
// Caddy, and only variables that deploy/.env.example defines. Compose is not run here: the file is
// read as YAML.
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  CADDYFILE,
  COMPOSE,
  ENV_EXAMPLE,
  envFile,
  read,
  serverSettings,
} from '../../support/deploy-files.js'

const { env: serverEnv } = serverSettings()

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

  it('gives every node the same required secret, its trusted proxies, and only settings the server has', () => {
    for (const [name, node] of nodes) {
      const environment = node.environment ?? {}
      expect(
        Object.keys(environment).filter((key) => !serverEnv.has(key)),
        name,
      ).toEqual([])
      expect(environment.NOOM_SECRET, name).toMatch(/^\$\{NOOM_SECRET:\?/)
      expect(environment.NOOM_TRUSTED_PROXIES, name).toBe('uniquelocal')
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
