/**
 * Serves the built renderer, so a guest without the app can join from a browser. Only files under
 * the directory, only GET and HEAD; unknown paths without an extension get index.html (client routes).
 */
import { readFile, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt'])

/** The page may talk only to its own origin; media and devices only for itself. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
    "frame-ancestors 'none'; form-action 'self'",
  'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self)',
} as const
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
} as const

interface Asset {
  body: Buffer
  gzipped: Buffer | null
  type: string
  immutable: boolean
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>

export interface StaticOptions {
  /** Serve the directory under this path (e.g. '/admin'); a request for the bare path is redirected. */
  prefix?: string
  /** Changes every HTML page before it is served (once: the result is cached). */
  rewriteHtml?: (html: string) => string
  /** Serve only files with these extensions (e.g. a package's fonts, not its package.json). */
  only?: readonly string[]
}

export function createStaticHandler(dir: string, options: StaticOptions = {}): StaticHandler {
  const root = resolve(dir)
  const prefix = options.prefix ?? ''
  const load = assetLoader(root, options)

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const fullPath = decodePath(req.url ?? '/')
    if (fullPath === null) return false
    if (prefix && fullPath === prefix) {
      // Its page loads files by relative URLs, which resolve against the slash.
      res.writeHead(301, { location: `${prefix}/`, 'cache-control': 'no-cache' })
      res.end()
      return true
    }
    if (!fullPath.startsWith(`${prefix}/`)) return false
    const path = fullPath.slice(prefix.length)
    const file = resolve(root, '.' + (path.endsWith('/') ? path + 'index.html' : path))
    if (file !== root && !file.startsWith(root + sep)) return false
    const asset =
      (await load(file)) ?? (extname(path) === '' ? await load(join(root, 'index.html')) : null)
    if (!asset) return false
    send(req, res, asset)
    return true
  }
}

/** Reads a file under `root` once, then serves it from memory; null for what is not served. */
function assetLoader(root: string, options: StaticOptions) {
  const cache = new Map<string, Asset>()
  return async (file: string): Promise<Asset | null> => {
    const cached = cache.get(file)
    if (cached) return cached
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return null
    const ext = extname(file)
    if (options.only && !options.only.includes(ext)) return null
    const raw = await readFile(file)
    const body =
      ext === '.html' && options.rewriteHtml
        ? Buffer.from(options.rewriteHtml(raw.toString('utf8')))
        : raw
    const asset: Asset = {
      body,
      gzipped: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : null,
      type: TYPES[ext] ?? 'application/octet-stream',
      // Vite puts content-hashed files under assets/; they never change under the same name.
      immutable: file.startsWith(join(root, 'assets') + sep),
    }
    cache.set(file, asset)
    return asset
  }
}

function send(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
  const gzip = asset.gzipped !== null && /\bgzip\b/.test(String(req.headers['accept-encoding']))
  const body = gzip && asset.gzipped ? asset.gzipped : asset.body
  res.writeHead(200, {
    ...COMMON_HEADERS,
    ...(asset.type.startsWith('text/html') ? PAGE_HEADERS : {}),
    'content-type': asset.type,
    'content-length': body.length,
    'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** The URL's path, percent-decoded; null when it is malformed or holds a NUL. */
function decodePath(url: string): string | null {
  try {
    const path = decodeURIComponent(new URL(url, 'http://x').pathname)
    return path.includes('\0') ? null : path
  } catch {
    return null
  }
}
