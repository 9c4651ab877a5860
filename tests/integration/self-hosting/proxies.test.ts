// The reverse proxies' files held to what the server needs behind them: WebSockets upgraded with a
// timeout past the heartbeat, the client address replaced rather than appended, health-based
// routing, and /metrics kept inside. nginx and Caddy are not run here: their files are read as text.
import { describe, expect, it } from 'vitest'
import { CADDYFILE, NGINX, read } from '../../support/deploy-files.js'

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
