/**
 * STUN messages (RFC 5389) with the TURN methods and attributes (RFC 5766) our tests send: encoding a
 * request, signing it with MESSAGE-INTEGRITY, and decoding an answer.
 */
import { createHmac } from 'node:crypto'

export const MAGIC_COOKIE = 0x2112a442
export const HEADER_BYTES = 20

export const METHOD = { binding: 0x0001, allocate: 0x0003, createPermission: 0x0008 } as const
/** Class bits of a message type: request 0b00, success 0b10, error 0b11. */
export const CLASS_SUCCESS = 0x0100
export const CLASS_ERROR = 0x0110

export const ATTR = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  xorPeerAddress: 0x0012,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayedAddress: 0x0016,
  requestedTransport: 0x0019,
} as const

export interface Message {
  type: number
  transactionId: Buffer
  attributes: Map<number, Buffer>
}

export function attribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4)
  header.writeUInt16BE(type, 0)
  header.writeUInt16BE(value.length, 2)
  const padding = Buffer.alloc((4 - (value.length % 4)) % 4)
  return Buffer.concat([header, value, padding])
}

function header(type: number, length: number, transactionId: Buffer): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES)
  bytes.writeUInt16BE(type, 0)
  bytes.writeUInt16BE(length, 2)
  bytes.writeUInt32BE(MAGIC_COOKIE, 4)
  transactionId.copy(bytes, 8)
  return bytes
}

/**
 * A request; with `key`, signed with MESSAGE-INTEGRITY: an HMAC-SHA1 over the message up to that
 * attribute, with the header's length already counting it (RFC 5389 §15.4).
 */
export function encode(
  type: number,
  transactionId: Buffer,
  attributes: Buffer[],
  key?: Buffer,
): Buffer {
  const body = Buffer.concat(attributes)
  if (!key) return Buffer.concat([header(type, body.length, transactionId), body])
  const integrityBytes = 4 + 20
  const signed = Buffer.concat([header(type, body.length + integrityBytes, transactionId), body])
  const mac = createHmac('sha1', key).update(signed).digest()
  return Buffer.concat([signed, attribute(ATTR.messageIntegrity, mac)])
}

export function decode(bytes: Buffer): Message {
  const length = bytes.readUInt16BE(2)
  const attributes = new Map<number, Buffer>()
  let offset = HEADER_BYTES
  while (offset + 4 <= HEADER_BYTES + length) {
    const type = bytes.readUInt16BE(offset)
    const size = bytes.readUInt16BE(offset + 2)
    if (!attributes.has(type)) attributes.set(type, bytes.subarray(offset + 4, offset + 4 + size))
    offset += 4 + size + ((4 - (size % 4)) % 4)
  }
  return { type: bytes.readUInt16BE(0), transactionId: bytes.subarray(8, 20), attributes }
}

/** An XOR-MAPPED-ADDRESS or XOR-RELAYED-ADDRESS of the IPv4 family. */
export function xorAddress(value: Buffer): { address: string; port: number } {
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16)
  const raw = (value.readUInt32BE(4) ^ MAGIC_COOKIE) >>> 0
  const address = [24, 16, 8, 0].map((shift) => (raw >>> shift) & 0xff).join('.')
  return { address, port }
}

/** The value of an XOR-PEER-ADDRESS (or any XOR address) for an IPv4 address (RFC 5766 §14.3). */
export function xorIpv4(address: string, port: number): Buffer {
  const raw = address.split('.').reduce((n, part) => n * 256 + Number(part), 0)
  const value = Buffer.alloc(8)
  value.writeUInt16BE(0x0001, 0)
  value.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 2)
  value.writeUInt32BE((raw ^ MAGIC_COOKIE) >>> 0, 4)
  return value
}

export function errorOf(message: Message): { code: number; reason: string } {
  const value = message.attributes.get(ATTR.errorCode)
  if (!value) return { code: 0, reason: 'error response without ERROR-CODE' }
  const code = (value.readUInt8(2) & 0x07) * 100 + value.readUInt8(3)
  // coturn ends its reason phrases with a NUL.
  return { code, reason: value.subarray(4).toString('utf8').replace(/\0+$/, '') }
}
