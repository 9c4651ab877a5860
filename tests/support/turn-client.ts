/**
 * Just enough of a STUN/TURN client (RFC 5389, RFC 5766) to ask a TURN server for an allocation with
 * long-term credentials and report exactly what it answered: the relayed address, or the error code.
 * turnutils_uclient can do this too, but it tells success from refusal only in its log text.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { connect } from 'node:net'

const MAGIC_COOKIE = 0x2112a442
const HEADER_BYTES = 20

const METHOD = { binding: 0x0001, allocate: 0x0003 } as const
/** Class bits of a message type: request 0b00, success 0b10, error 0b11. */
const CLASS_SUCCESS = 0x0100
const CLASS_ERROR = 0x0110

const ATTR = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayedAddress: 0x0016,
  requestedTransport: 0x0019,
} as const

/** The protocol number of UDP, as REQUESTED-TRANSPORT wants it. */
const UDP_PROTOCOL = 17

export type Transport = 'udp' | 'tcp'

export interface TurnServerAddress {
  host: string
  port: number
  transport?: Transport
}

export type AllocateResult =
  | { ok: true; relayed: { address: string; port: number } }
  | { ok: false; code: number; reason: string }

interface Message {
  type: number
  transactionId: Buffer
  attributes: Map<number, Buffer>
}

function attribute(type: number, value: Buffer): Buffer {
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
function encode(type: number, transactionId: Buffer, attributes: Buffer[], key?: Buffer): Buffer {
  const body = Buffer.concat(attributes)
  if (!key) return Buffer.concat([header(type, body.length, transactionId), body])
  const integrityBytes = 4 + 20
  const signed = Buffer.concat([header(type, body.length + integrityBytes, transactionId), body])
  const mac = createHmac('sha1', key).update(signed).digest()
  return Buffer.concat([signed, attribute(ATTR.messageIntegrity, mac)])
}

function decode(bytes: Buffer): Message {
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
function xorAddress(value: Buffer): { address: string; port: number } {
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16)
  const raw = (value.readUInt32BE(4) ^ MAGIC_COOKIE) >>> 0
  const address = [24, 16, 8, 0].map((shift) => (raw >>> shift) & 0xff).join('.')
  return { address, port }
}

function errorOf(message: Message): { code: number; reason: string } {
  const value = message.attributes.get(ATTR.errorCode)
  if (!value) return { code: 0, reason: 'error response without ERROR-CODE' }
  const code = (value.readUInt8(2) & 0x07) * 100 + value.readUInt8(3)
  // coturn ends its reason phrases with a NUL.
  return { code, reason: value.subarray(4).toString('utf8').replace(/\0+$/, '') }
}

/**
 * One transport to the server. TURN keeps its state (the nonce, the allocation) per 5-tuple, so a
 * challenge and the signed request that answers it must travel over the same socket.
 */
class Channel {
  readonly #server: TurnServerAddress
  readonly #send: (bytes: Buffer) => void
  readonly #close: () => void
  /** Requests awaiting their answer, by transaction id. */
  readonly #waiting = new Map<string, { answer: (m: Message) => void; fail: (e: Error) => void }>()

  constructor(server: TurnServerAddress) {
    this.#server = server
    const onBytes = (bytes: Buffer) => {
      const message = decode(bytes)
      this.#waiting.get(message.transactionId.toString('hex'))?.answer(message)
    }
    const onError = (err: Error) => {
      for (const { fail } of [...this.#waiting.values()]) fail(err)
    }
    if ((server.transport ?? 'udp') === 'udp') {
      const socket = createSocket('udp4')
      socket.on('message', onBytes)
      socket.on('error', onError)
      this.#send = (bytes) => socket.send(bytes, server.port, server.host)
      this.#close = () => socket.close()
    } else {
      const socket = connect(server.port, server.host)
      let buffered = Buffer.alloc(0)
      socket.on('data', (chunk: Buffer) => {
        // Over TCP messages come back to back; each header says how long its message is.
        buffered = Buffer.concat([buffered, chunk])
        while (buffered.length >= HEADER_BYTES) {
          const size = HEADER_BYTES + buffered.readUInt16BE(2)
          if (buffered.length < size) break
          onBytes(buffered.subarray(0, size))
          buffered = buffered.subarray(size)
        }
      })
      socket.on('error', onError)
      this.#send = (bytes) => socket.write(bytes)
      this.#close = () => socket.destroy()
    }
  }

  /** Sends a request and resolves with its answer; over UDP it is sent again until answered. */
  request(bytes: Buffer, timeoutMs = 5_000): Promise<Message> {
    const id = bytes.subarray(8, 20).toString('hex')
    const udp = (this.#server.transport ?? 'udp') === 'udp'
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer)
        clearInterval(resend)
        this.#waiting.delete(id)
      }
      const fail = (err: Error) => {
        finish()
        reject(err)
      }
      this.#waiting.set(id, {
        answer: (message) => {
          finish()
          resolve(message)
        },
        fail,
      })
      const { host, port } = this.#server
      const timer = setTimeout(
        () => fail(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)),
        timeoutMs,
      )
      // RFC 5389 retransmits over UDP; loopback rarely drops a datagram, but it may.
      const resend = udp ? setInterval(() => this.#send(bytes), 500) : undefined
      this.#send(bytes)
    })
  }

  close(): void {
    this.#close()
  }
}

/** True when something answers a STUN Binding request at `server` (the TURN server is up). */
export async function stunBinding(server: TurnServerAddress, timeoutMs = 1_000): Promise<boolean> {
  const channel = new Channel(server)
  try {
    const answer = await channel.request(encode(METHOD.binding, randomBytes(12), []), timeoutMs)
    return answer.type === (METHOD.binding | CLASS_SUCCESS)
  } catch {
    return false
  } finally {
    channel.close()
  }
}

/**
 * Asks for a UDP relay with long-term credentials: a first Allocate without them fetches the realm
 * and nonce (the 401 challenge), the second is signed with MD5(username:realm:password).
 */
export async function allocate(
  server: TurnServerAddress,
  credentials: { username: string; password: string },
): Promise<AllocateResult> {
  const channel = new Channel(server)
  try {
    return await signedAllocate(channel, credentials)
  } finally {
    channel.close()
  }
}

async function signedAllocate(
  channel: Channel,
  credentials: { username: string; password: string },
): Promise<AllocateResult> {
  const transport = Buffer.from([UDP_PROTOCOL, 0, 0, 0])
  const requested = attribute(ATTR.requestedTransport, transport)
  const challenge = await channel.request(encode(METHOD.allocate, randomBytes(12), [requested]))
  if (challenge.type !== (METHOD.allocate | CLASS_ERROR)) {
    throw new Error('the TURN server allocated without asking for credentials')
  }
  const realm = challenge.attributes.get(ATTR.realm)
  const nonce = challenge.attributes.get(ATTR.nonce)
  if (errorOf(challenge).code !== 401 || !realm || !nonce) {
    throw new Error(`expected a 401 challenge, got ${JSON.stringify(errorOf(challenge))}`)
  }
  const key = createHash('md5')
    .update(`${credentials.username}:${realm.toString('utf8')}:${credentials.password}`)
    .digest()
  const signed = encode(
    METHOD.allocate,
    randomBytes(12),
    [
      requested,
      attribute(ATTR.username, Buffer.from(credentials.username, 'utf8')),
      attribute(ATTR.realm, realm),
      attribute(ATTR.nonce, nonce),
    ],
    key,
  )
  const answer = await channel.request(signed)
  if (answer.type === (METHOD.allocate | CLASS_ERROR)) return { ok: false, ...errorOf(answer) }
  const relayed = answer.attributes.get(ATTR.xorRelayedAddress)
  if (answer.type !== (METHOD.allocate | CLASS_SUCCESS) || !relayed) {
    throw new Error(`unexpected answer to Allocate: type 0x${answer.type.toString(16)}`)
  }
  return { ok: true, relayed: xorAddress(relayed) }
}
