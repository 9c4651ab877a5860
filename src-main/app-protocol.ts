// The packaged renderer is served from app://noom/ rather than file://: the page gets a real origin
// (file:// pages all share "null"), a secure context for the camera, and response headers, so
// the Content-Security-Policy below is a header main controls, not a <meta> a page could outlive.
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { httpOrigin } from '../contract/index.js'

export const APP_SCHEME = 'app'
export const APP_HOST = 'noom'
/** The page the window loads in a packaged app. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Privileges for protocol.registerSchemesAsPrivileged, which must run before app 'ready'. */
export const APP_SCHEME_PRIVILEGES = {
  // standard: URLs resolve like http(s) (relative paths, a host); secure: a secure context, so
  // getUserMedia and getDisplayMedia work; supportFetchAPI and codeCache for module scripts.
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

/**
 * The http(s) origins the page may connect to, with their ws(s) twins, for connect-src. Anything
 * that is not a plain http(s) origin is dropped, so nothing from settings can inject a directive.
 */
export function connectSources(servers: readonly string[]): string[] {
  const sources = new Set<string>()
  for (const server of servers) {
    const origin = httpOrigin(server)
    if (origin === null) continue
    sources.add(origin)
    sources.add(origin.replace(/^http/, 'ws'))
  }
  return [...sources]
}

/** Hosts of this computer whose every port connect-src admits (the built-in server's port moves). */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'] as const

/**
 * The page's Content-Security-Policy. Scripts and styles come only from the app itself (no
 * inline code, no eval); connect-src names the user's own servers and this computer's built-in
 * one (any loopback port: it may move when the chosen port is busy), and nothing else, so even a
 * script injected some day could not send what it reads anywhere else.
 */
export function contentSecurityPolicy(servers: readonly string[]): string {
  const connect = [
    "'self'",
    ...LOOPBACK_HOSTS.flatMap((host) => [`http://${host}:*`, `ws://${host}:*`]),
    ...connectSources(servers),
  ]
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * The file under `root` that an app:// URL names, or null when the URL is not the app's or would
 * leave `root`. The URL parser already folds `..` segments, but %2e%2e, %2f and %5c are decoded
 * only here, so the decoded path is normalised and checked again.
 */
export function resolveAppFile(url: string, root: string): string | null {
  const parsed = URL.parse(url)
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  if (path === '/' || path === '') path = '/index.html'
  const file = normalize(join(root, path))
  const base = normalize(root.endsWith(sep) ? root : root + sep)
  return file.startsWith(base) ? file : null
}

/** What the handler needs from the outside: where the renderer is and which servers to admit. */
export interface AppProtocolOptions {
  /** The built renderer directory (out/renderer). */
  root: string
  /** The servers connect-src admits, read at each request (they change with settings). */
  servers: () => readonly string[]
  read?: (path: string) => Promise<Uint8Array>
}

/**
 * The handler for `protocol.handle('app', …)`: the file with its content type, the CSP and
 * nosniff, or 404 (never a directory listing, never a file outside the renderer).
 */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const read = options.read ?? ((path: string) => readFile(path))
  return async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(request.url, options.root) : null
    if (!file) return new Response('Not found', { status: 404 })
    let body: Uint8Array
    try {
      body = await read(file)
    } catch {
      return new Response('Not found', { status: 404 })
    }
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy(options.servers()),
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
      },
    })
  }
}
