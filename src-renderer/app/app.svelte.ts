/**
 * The app controller: builds every store once, from the bridge and page it is given, and owns every
 * rule that spans stores (a call that ends returns to the lobby, unread chat sets the badge, a
 * noom:// link fills the lobby, the chosen server is the one the lobby watches). Components render
 * what the stores hold and call the methods here; App.svelte only starts and stops it.
 */
import { untrack } from 'svelte'
import type { DeepLink } from '../../contract/index.js'
import { localeFromLanguage } from '../i18n/locale.js'
import { keyFromLink } from '../lib/invite.js'
import { roomFromLink } from '../lib/validate.js'
import { ChatAttention } from '../stores/attention.js'
import { DesktopStore } from '../stores/desktop.svelte.js'
import { HostStore, rejectionMessage } from '../stores/host.svelte.js'
import { I18n } from '../stores/i18n.svelte.js'
import { createRoomsStore, RoomsStore } from '../stores/rooms.svelte.js'
import { desktopSettingsStorage, SettingsStore } from '../stores/settings.svelte.js'
import { SystemAccess } from '../stores/system-access.svelte.js'
import { createCallParts, type CallParts } from './call-parts.js'
import type { AppEnvironment } from './environment.js'
import { Session, type LobbyRequest } from './session.svelte.js'

export class App {
  readonly settings: SettingsStore
  readonly i18n: I18n
  readonly rooms: RoomsStore
  /** The built-in server (desktop only; always stopped in a browser). */
  readonly host: HostStore
  /** What main asks of the page (screen picks, links) and what the page tells main. */
  readonly shell: DesktopStore
  readonly access: SystemAccess
  readonly attention: ChatAttention
  readonly session: Session<CallParts>
  readonly desktop: boolean
  /** `process.platform` in the desktop app, 'web' in a browser. */
  readonly platform: string
  /**
   * Bumped to rebuild the lobby form when something outside it (a noom:// link, "use this
   * computer") changes what it should show.
   */
  lobbyKey = $state(0)
  readonly #env: AppEnvironment
  #stopRules: (() => void) | null = null
  /** A call was on since the lobby was last shown (a call-only server ends with it). */
  #called = false

  private constructor(env: AppEnvironment, settings: SettingsStore, platform: string) {
    this.#env = env
    this.desktop = env.desktop
    this.platform = platform
    this.settings = settings
    this.i18n = new I18n(settings.locale ?? localeFromLanguage(env.language), (locale) =>
      settings.update({ locale }),
    )
    const { bridge } = env
    this.rooms = env.connectRooms
      ? new RoomsStore(env.connectRooms)
      : createRoomsStore((url) => settings.accessKey(url))
    this.host = new HostStore(bridge)
    this.shell = new DesktopStore(bridge, () => env.reload())
    this.access = new SystemAccess(bridge)
    this.attention = new ChatAttention(bridge, env.focus)
    const buildParts = env.createCallParts ?? createCallParts
    this.session = new Session(
      () =>
        buildParts(settings, {
          onChatMessage: (message) => this.attention.message(message),
          onKnock: (knock, room) => this.knocked(knock.nickname, room),
          // Only Windows lets Electron capture the system's sound (loopback) with a screen.
          systemAudio: platform === 'win32',
        }),
      settings,
      // A join link names the room; otherwise the last one is offered again.
      roomFromLink(env.search) ?? settings.lastRoom,
    )
  }

  /**
   * Builds the app. The desktop app's settings live in a file main owns, and its built-in server
   * may already run: both are read before the first render, so the lobby opens with the user's
   * name, server and language rather than flashing the defaults.
   */
  static async create(env: AppEnvironment): Promise<App> {
    const settings = new SettingsStore(env.storage)
    if (env.desktop) {
      const saved = await env.bridge.getSettings().catch(() => null)
      if (saved) {
        const save = (value: typeof saved) => env.bridge.setSettings(value)
        const failed = (error: unknown) =>
          settings.saveFailed(error === null ? null : rejectionMessage(error))
        settings.useStorage(desktopSettingsStorage(saved, save, failed))
      }
    }
    const { platform } = await env.bridge.getInfo().catch(() => ({ platform: 'web' }))
    const app = new App(env, settings, platform)
    if (env.desktop) await app.host.load()
    // A guest's browser opened a built-in server's link: its key is for the server of this page.
    const key = keyFromLink(env.search)
    if (key && env.pageServer) settings.setAccessKey(env.pageServer, key)
    app.#useFallbackServer()
    return app
  }

  /** Starts the rules that follow the stores; `dispose()` stops them. */
  start(): void {
    if (this.#stopRules) return
    this.#stopRules = $effect.root(() => {
      $effect(() => this.#useFallbackServer())
      $effect(() => this.#watchRooms())
      $effect(() => this.#followCall())
      $effect(() => this.#endCallOnlyServer())
      $effect(() => this.#reportCallState())
      $effect(() => this.#showUnread())
      $effect(() => this.#env.onPageHide(() => this.session.leave()))
      $effect(() => this.shell.listen((link) => this.openLink(link)))
    })
  }

  dispose(): void {
    this.#stopRules?.()
    this.#stopRules = null
    this.host.dispose()
    this.rooms.stop()
    this.attention.dispose()
  }

  /**
   * Uses `serverUrl` from now on once the user admits it (main asks in its own dialog about a
   * server the page may not reach yet; the page may then need a reload). False when refused.
   */
  async chooseServer(serverUrl: string): Promise<boolean> {
    if (!(await this.shell.admitServer(serverUrl))) return false
    this.settings.update({ serverUrl })
    return true
  }

  /** "Use this computer" in the host panel: the built-in server, and a lobby form that shows it. */
  async useBuiltInServer(serverUrl: string): Promise<void> {
    await this.chooseServer(serverUrl)
    this.lobbyKey++
  }

  /** Where an invite for the call points: the built-in server's first LAN address, with its key. */
  get invite(): { server: string; key: string | null } {
    const server = this.settings.serverUrl
    const own = this.desktop && server !== '' && server === this.host.localUrl
    if (own) return { server: this.host.lanUrls[0] ?? server, key: this.host.accessKey }
    return { server, key: this.settings.accessKey(server) ?? null }
  }

  /** From the lobby: the system's camera and microphone question (macOS) comes before the check. */
  async toDeviceCheck(request: LobbyRequest): Promise<void> {
    // A server typed but not admitted yet is asked about first; refused, the lobby stays.
    if (request.serverUrl !== this.settings.serverUrl) {
      if (!(await this.chooseServer(request.serverUrl))) return
    }
    const { cameraOn, micOn } = this.settings
    await this.access.askFirst({ camera: cameraOn, microphone: micOn })
    this.session.toDeviceCheck(request)
  }

  /** Someone knocks on the room we host: in the background, a notification in the user's language. */
  knocked(nickname: string, room: string): void {
    const i18n = this.i18n
    const body = i18n.t('knocks.notifyBody', { name: nickname, room })
    this.attention.knock(i18n.t('knocks.notifyTitle'), body)
  }

  /**
   * A noom:// link, whose server the user already let in (main asked): fills the lobby with its
   * room and server, for this call only when main says so. During a call it waits.
   */
  openLink(link: DeepLink): void {
    this.settings.update({ lastRoom: link.room })
    if (link.server && link.key) this.settings.setAccessKey(link.server, link.key)
    if (this.session.screen !== 'lobby') return
    this.session.setDraftRoom(link.room)
    if (link.server && link.thisCallOnly) this.settings.useForThisCall(link.server)
    this.lobbyKey++
    if (link.server && !link.thisCallOnly) {
      void this.chooseServer(link.server).then((chosen) => chosen && this.lobbyKey++)
    }
  }

  /**
   * With no server of the user's own, the desktop app uses its built-in one (wherever it listens
   * now) and a page in a browser the server that served it.
   */
  #useFallbackServer(): void {
    this.settings.setFallbackServer(this.desktop ? this.host.localUrl : this.#env.pageServer)
    const { localUrl, accessKey } = this.host
    if (localUrl && accessKey) this.settings.setAccessKey(localUrl, accessKey)
  }

  /** A server let in for one call only is forgotten when that call is over. */
  #endCallOnlyServer(): void {
    const screen = this.session.screen
    untrack(() => {
      if (screen === 'call') this.#called = true
      if (screen !== 'lobby' || !this.#called) return
      this.#called = false
      if (!this.settings.callOnly) return
      this.settings.useForThisCall('')
      this.lobbyKey++
    })
  }

  /** The lobby lists the rooms of the chosen server; nothing is watched outside the lobby. */
  #watchRooms(): void {
    const serverUrl = this.session.screen === 'lobby' ? this.settings.serverUrl : ''
    untrack(() => this.rooms.watch(serverUrl))
  }

  /** A call that ends or fails on its own (server gone, seat taken over) returns to the lobby. */
  #followCall(): void {
    void [this.session.screen, this.session.parts?.call.phase]
    untrack(() => this.session.followCall())
  }

  /** Main keeps the display awake and asks before closing while a call is on. */
  #reportCallState(): void {
    const inCall = this.session.screen === 'call'
    untrack(() => this.shell.setInCall(inCall))
  }

  /** Unread chat shows on the dock or taskbar icon during a call, and clears after it. */
  #showUnread(): void {
    const unread = this.session.screen === 'call' ? (this.session.parts?.chat.unread ?? 0) : null
    untrack(() => (unread === null ? this.attention.reset() : this.attention.setUnread(unread)))
  }
}
