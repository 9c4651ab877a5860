// Writes placeholders of resources/icon.svg (a camera on a blue tile) with nothing but node:zlib, so
// no image tooling or download is needed. Run: node scripts/make-placeholder-icon.js
//   resources/icon.png       512×512: Windows (its .ico holds 256 at most) and Linux
//   resources/icon-1024.png  1024×1024: macOS, whose .icns carries 512@2x, i.e. 1024 pixels
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

/** The shapes below are drawn in icon.svg's 512-unit view box and scaled to each output size. */
const VIEW_BOX = 512
const BLUE = [0x2d, 0x6c, 0xdf, 255]
const WHITE = [255, 255, 255, 255]
const CLEAR = [0, 0, 0, 0]

/** True inside an axis-aligned rectangle with rounded corners of radius r. */
function inRoundedRect(x, y, left, top, width, height, r) {
  const cx = Math.min(Math.max(x, left + r), left + width - r)
  const cy = Math.min(Math.max(y, top + r), top + height - r)
  return (
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r &&
    x >= left &&
    x <= left + width &&
    y >= top &&
    y <= top + height
  )
}

/** True inside the lens triangle (336,256) (416,192) (416,320). */
function inLens(x, y) {
  if (x < 336 || x > 416) return false
  const half = ((x - 336) / 80) * 64
  return Math.abs(y - 256) <= half
}

function pixel(x, y) {
  if (inRoundedRect(x, y, 96, 176, 224, 160, 32) || inLens(x, y)) return WHITE
  if (inRoundedRect(x, y, 16, 16, 480, 480, 96)) return BLUE
  return CLEAR
}

/** Raw PNG scanlines of the icon at size×size, each pixel sampled at its centre. */
function scanlines(size) {
  const scale = VIEW_BOX / size
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1)
    raw[row] = 0 // filter: none
    for (let x = 0; x < size; x++)
      raw.set(pixel((x + 0.5) * scale, (y + 0.5) * scale), row + 1 + x * 4)
  }
  return raw
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return out
}

/** A complete PNG file of the icon at size×size. */
function png(size) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

writeFileSync(new URL('../resources/icon.png', import.meta.url), png(512))
writeFileSync(new URL('../resources/icon-1024.png', import.meta.url), png(1024))
