/**
 * Where in the sources a position of the served bundle comes from, when the build left a source map
 * beside it (`npx electron-vite build --sourcemap`): a plain decoder of source map v3 "mappings"
 * (base64 VLQ), enough to name the source file of a function's first position, and the group the
 * CPU profile summary files it under (svelte runtime, socket.io-client, a src-renderer folder…).
 */
import { readFile } from 'node:fs/promises'

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]))

/** Per generated line: [generated column, source index] pairs, ordered by column. */
type Lines = [number, number][][]

/** The values of one VLQ segment ("AAgBC" → [0, 0, 16, 1]). */
function segment(text: string): number[] {
  const values: number[] = []
  let value = 0
  let shift = 0
  for (const c of text) {
    const digit = DIGIT.get(c) ?? 0
    value += (digit & 31) << shift
    if (digit & 32) {
      shift += 5
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return values
}

function decode(mappings: string): Lines {
  let source = 0
  return mappings.split(';').map((line) => {
    let column = 0
    const out: [number, number][] = []
    for (const text of line.split(',')) {
      if (text === '') continue
      const [dColumn = 0, dSource] = segment(text)
      column += dColumn
      if (dSource === undefined) continue
      source += dSource
      out.push([column, source])
    }
    return out
  })
}

export interface SourceMap {
  /** The source file a generated position (0-based line and column) comes from, else null. */
  sourceAt(line: number, column: number): string | null
}

/** Reads `<bundle>.map`; null when there is none. */
export async function loadSourceMap(bundlePath: string): Promise<SourceMap | null> {
  const text = await readFile(`${bundlePath}.map`, 'utf8').catch(() => null)
  if (text === null) return null
  const map = JSON.parse(text) as { sources: string[]; mappings: string }
  const lines = decode(map.mappings)
  return {
    sourceAt(line, column) {
      const segments = lines[line] ?? []
      let lo = 0
      let hi = segments.length - 1
      let found: number | null = null
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        const [col, source] = segments[mid]!
        if (col <= column) {
          found = source
          lo = mid + 1
        } else {
          hi = mid - 1
        }
      }
      return found === null ? null : (map.sources[found] ?? null)
    },
  }
}

const SOCKET_IO = new Set([
  'socket.io-client',
  'engine.io-client',
  'engine.io-parser',
  'socket.io-parser',
  '@socket.io/component-emitter',
])

/** The group a source file is reported under. */
export function sourceGroup(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1]
  if (pkg === 'svelte') return 'svelte runtime'
  if (pkg && SOCKET_IO.has(pkg)) return 'socket.io-client (engine.io, parser)'
  if (pkg) return pkg
  const own = /(src-renderer|protocol|contract)\/(?:([^/]+)\/)?/.exec(source)
  if (own) return own[2] ? `${own[1]}/${own[2]}` : own[1]!
  return source
}
