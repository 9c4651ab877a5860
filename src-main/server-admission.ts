// Which rendezvous servers the page may reach. The server of a call sees who joins and relays the
// SDP, so a hostile one could rewrite the DTLS fingerprints and sit in the middle of every call:
// a server gets into the page's Content-Security-Policy (and into the settings) only through a
// question main asks in its own native dialog, never on the page's word alone. No Electron import:
// the dialog is given as a function, so this is tested in plain Node.
import { serverKind, type DeepLink } from '../contract/index.js'
import { LOOPBACK_HOSTS } from './app-protocol.js'

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
