/**
 * The server's plain HTTP side (Socket.IO takes its own path before this sees a request): health,
 * readiness, Prometheus metrics and static files, then 404.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Readiness } from './readiness.js'
import type { StaticHandler } from './static.js'

/** What /metrics serves; null turns the endpoint off. */
export interface MetricsEndpoint {
  render(): Promise<{ contentType: string; body: string }>
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token?: string | undefined
}

export interface RouterOptions {
  /** True once shutdown has begun: /readyz then answers 503 whatever the checks say. */
  draining: () => boolean
  readiness: Readiness
  metrics: MetricsEndpoint | null
  /** Tried in order; the first that answers wins. */
  statics: readonly StaticHandler[]
}

export type Router = (req: IncomingMessage, res: ServerResponse) => Promise<void>

export function createRouter(options: RouterOptions): Router {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/healthz') return json(res, 200, { status: 'ok' })
    if (path === '/readyz') {
      if (options.draining()) return json(res, 503, { status: 'draining' })
      const { ready, failing } = await options.readiness.check()
      return ready
        ? json(res, 200, { status: 'ready' })
        : json(res, 503, { status: 'not ready', failing })
    }
    // Answered here even when off, so the renderer's client-route fallback never serves it a page.
    if (path === '/metrics') return serveMetrics(req, res, options.metrics)
    for (const handler of options.statics) if (await handler(req, res)) return
    json(res, 404, { error: 'not found' })
  }
}

async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: MetricsEndpoint | null,
): Promise<void> {
  if (!metrics) return json(res, 404, { error: 'not found' })
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD')
    return json(res, 405, { error: 'method not allowed' })
  }
  if (metrics.token !== undefined && !hasBearer(req, metrics.token)) {
    res.setHeader('www-authenticate', 'Bearer realm="metrics"')
    return json(res, 401, { error: 'unauthorized' })
  }
  const { contentType, body } = await metrics.render()
  res.writeHead(200, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** Compares digests, so neither the token's length nor its content leaks through timing. */
function hasBearer(req: IncomingMessage, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')
  if (!match?.[1]) return false
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(match[1]), digest(token))
}

/** A small JSON answer that no cache keeps and no browser sniffs. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(JSON.stringify(body))
}
