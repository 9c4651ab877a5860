/**
 * Just enough of a STUN/TURN client (RFC 5389, RFC 5766) to ask a TURN server for an allocation with
 * long-term credentials, and for permissions on it, and report exactly what it answered: the relayed
 * address, or the error code. turnutils_uclient can do this too, but it tells success from refusal
 * only in its log text.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { connect } from 'node:net'
import {
  attribute,
  ATTR,
  CLASS_ERROR,
  CLASS_SUCCESS,
  decode,
  encode,
  errorOf,
  HEADER_BYTES,
  METHOD,
  xorAddress,
  xorIpv4,
  type Message,
} from './stun-message.js'

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

/** Long-term credentials as TURN wants them: the signing key, and the attributes that name them. */
interface SignedAs {
  key: Buffer
  /** USERNAME, REALM and NONCE, sent with every signed request. */
  attributes: Buffer[]
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
    return (await signedAllocate(channel, credentials)).result
  } finally {
    channel.close()
  }
}

/**
 * One allocation kept open, so that permissions can be asked for on it (they belong to its
 * 5-tuple). CreatePermission only records a permission, or refuses it: it sends nothing to the peer.
 */
export class TurnSession {
  readonly #channel: Channel
  readonly #credentials: { username: string; password: string }
  #signed: SignedAs | null = null

  constructor(server: TurnServerAddress, credentials: { username: string; password: string }) {
    this.#channel = new Channel(server)
    this.#credentials = credentials
  }

  async allocate(): Promise<AllocateResult> {
    const { result, signed } = await signedAllocate(this.#channel, this.#credentials)
    this.#signed = signed
    return result
  }

  /** Asks for a permission to send to `address` (IPv4); 0 when granted, else the error code. */
  async permit(address: string): Promise<number> {
    if (!this.#signed) throw new Error('allocate first')
    const { key, attributes } = this.#signed
    const peer = attribute(ATTR.xorPeerAddress, xorIpv4(address, 9))
    const request = encode(METHOD.createPermission, randomBytes(12), [peer, ...attributes], key)
    const answer = await this.#channel.request(request)
    return answer.type === (METHOD.createPermission | CLASS_SUCCESS) ? 0 : errorOf(answer).code
  }

  close(): void {
    this.#channel.close()
  }
}

async function signedAllocate(
  channel: Channel,
  credentials: { username: string; password: string },
): Promise<{ result: AllocateResult; signed: SignedAs }> {
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
  const signed: SignedAs = {
    key,
    attributes: [
      attribute(ATTR.username, Buffer.from(credentials.username, 'utf8')),
      attribute(ATTR.realm, realm),
      attribute(ATTR.nonce, nonce),
    ],
  }
  const request = encode(METHOD.allocate, randomBytes(12), [requested, ...signed.attributes], key)
  const answer = await channel.request(request)
  if (answer.type === (METHOD.allocate | CLASS_ERROR)) {
    return { result: { ok: false, ...errorOf(answer) }, signed }
  }
  const relayed = answer.attributes.get(ATTR.xorRelayedAddress)
  if (answer.type !== (METHOD.allocate | CLASS_SUCCESS) || !relayed) {
    throw new Error(`unexpected answer to Allocate: type 0x${answer.type.toString(16)}`)
  }
  return { result: { ok: true, relayed: xorAddress(relayed) }, signed }
}
