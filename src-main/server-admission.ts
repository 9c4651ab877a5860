// Which rendezvous servers the page may reach. The server of a call sees who joins and relays the
// SDP, so a hostile one could rewrite the DTLS fingerprints and sit in the middle of every call:
// a server gets into the page's Content-Security-Policy (and into the settings) only through a
// question main asks in its own native dialog, never on the page's word alone. No Electron import:
// the dialog is given as a function, so this is tested in plain Node.
import { BlockList, isIP } from 'node:net'
import type { DeepLink } from '../contract/index.js'
import { LOOPBACK_HOSTS } from './app-protocol.js'

/**
 * `https`: encrypted. `local`: http to this computer (nothing leaves it). `private`: http to a
 * private network address (10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10): allowed,
 * marked unencrypted. `refused`: http anywhere else, or not an http(s) origin.
 */
export type ServerKind = 'https' | 'local' | 'private' | 'refused'

const PRIVATE = new BlockList()
for (const [net, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4')
}
PRIVATE.addSubnet('fc00::', 7, 'ipv6')
PRIVATE.addSubnet('fe80::', 10, 'ipv6')
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/** What kind of server `origin` is (an http(s) origin as URL#origin writes it). */
export function serverKind(origin: string): ServerKind {
  const url = URL.parse(origin)
  if (url?.protocol === 'https:') return 'https'
  if (url?.protocol !== 'http:') return 'refused'
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return 'local'
  const family = isIP(host)
  if (family === 0) return 'refused'
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (LOOPBACK.check(host, type)) return 'local'
  return PRIVATE.check(host, type) ? 'private' : 'refused'
}

/** The question main puts to the user about one server. */
export interface ServerQuestion {
  origin: string
  /** http to a private network address: the dialog says it is not encrypted. */
  unencrypted: boolean
  /** From a link: offer "Use this server from now on" (typed in the app, it is the user's choice). */
  fromLink: boolean
}

export interface ServerAnswer {
  confirmed: boolean
  /** "Use this server from now on" was ticked. */
  remember: boolean
}

export interface AdmissionDeps {
  /** The saved server, '' for none of the user's own. */
  savedServer(): string
  /** The server the app uses now: the saved one, else the built-in server's address, else ''. */
  currentServer(): string
  /** Saves `origin` as the user's server. */
  saveServer(origin: string): Promise<unknown>
  /** Asks the user in main's own dialog. */
  ask(question: ServerQuestion): Promise<ServerAnswer>
}

/** What a link becomes once admitted; `widened`: the page must reload to reach its server. */
export interface AdmittedLink {
  link: DeepLink
  widened: boolean
}

export class ServerAdmission {
  readonly #deps: AdmissionDeps
  /** Servers the user let in this run (the CSP names them). */
  readonly #admitted = new Set<string>()
  /** Of those, the ones the settings may name (typed in the app, or "from now on" ticked). */
  readonly #saveable = new Set<string>()

  constructor(deps: AdmissionDeps) {
    this.#deps = deps
  }

  /** The servers connect-src names besides this computer: the saved one and those let in. */
  servers(): string[] {
    const servers = new Set([this.#deps.savedServer(), ...this.#admitted])
    servers.delete('')
    return [...servers]
  }

  /** Whether settings naming `serverUrl` may be saved: none, the saved one, or one let in so. */
  maySave(serverUrl: string): boolean {
    return (
      serverUrl === '' || serverUrl === this.#deps.savedServer() || this.#saveable.has(serverUrl)
    )
  }

  /**
   * A link, validated by deep-link.ts. Without a server, or naming the one in use, it passes as it
   * is. Naming another, the user is asked first: null when they cancel or the server is plain
   * http outside this computer and private networks; else the link, marked `thisCallOnly` unless
   * "from now on" was ticked (then the server is saved too).
   */
  async link(link: DeepLink): Promise<AdmittedLink | null> {
    const origin = link.server
    if (origin === undefined || origin === this.#deps.currentServer()) {
      return { link, widened: false }
    }
    const kind = serverKind(origin)
    if (kind === 'refused') return null
    const widened = !this.#inPolicy(origin)
    const answer = await this.#deps.ask({ origin, unencrypted: kind === 'private', fromLink: true })
    if (!answer.confirmed) return null
    this.#admitted.add(origin)
    if (!answer.remember) return { link: { ...link, thisCallOnly: true }, widened }
    this.#saveable.add(origin)
    await this.#deps.saveServer(origin)
    return { link, widened }
  }

  /**
   * The page asks to use `origin` (typed in the lobby, or this computer's server). One the policy
   * already names needs no question; any other is put to the user, and saved when confirmed.
   */
  async allow(origin: string): Promise<{ admitted: boolean; widened: boolean }> {
    const kind = serverKind(origin)
    if (kind === 'refused') return { admitted: false, widened: false }
    if (this.#inPolicy(origin)) {
      this.#saveable.add(origin)
      return { admitted: true, widened: false }
    }
    const answer = await this.#deps.ask({
      origin,
      unencrypted: kind === 'private',
      fromLink: false,
    })
    if (!answer.confirmed) return { admitted: false, widened: false }
    this.#admitted.add(origin)
    this.#saveable.add(origin)
    await this.#deps.saveServer(origin)
    return { admitted: true, widened: true }
  }

  /** connect-src names it already: this computer (any port), the saved server, one let in. */
  #inPolicy(origin: string): boolean {
    const host = URL.parse(origin)?.hostname ?? ''
    return (
      (LOOPBACK_HOSTS as readonly string[]).includes(host) ||
      origin === this.#deps.savedServer() ||
      this.#admitted.has(origin)
    )
  }
}
