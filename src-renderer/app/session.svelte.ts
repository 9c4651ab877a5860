/**
 * The way through the app: lobby → device check → call, and back to the lobby when the user leaves
 * or the join or call fails (with the failure kept to show there). Each attempt gets fresh call parts
 * (local media, device check, call): a call that ends stops its media for good.
 */
import type { Visibility } from '../../protocol/schemas.js'
import type { CallStore } from '../stores/call.svelte.js'
import type { CallFailure } from '../engine/types.js'
import type { SettingsStore } from '../stores/settings.svelte.js'
import type { DeviceKind, DevicesView } from '../stores/devices-view.js'

export type Screen = 'lobby' | 'devices' | 'call'

/** The lobby form's room part, kept while the user checks devices or after a failed join. */
export interface JoinDraft {
  room: string
  password: string
  visibility: Visibility
  /** How the room admits people if this join creates it. */
  admission: NewRoomAdmission
}

/** A new room lets everyone in at once, or each one when a host admits them ("Ask to join"). */
export type NewRoomAdmission = 'open' | 'knock'

export interface LobbyRequest extends JoinDraft {
  serverUrl: string
  nickname: string
  relayOnly: boolean
}

export type SessionCall = Pick<CallStore, 'phase' | 'failure' | 'join' | 'leave'>
export type SessionSettings = Pick<
  SettingsStore,
  'serverUrl' | 'nickname' | 'micOn' | 'cameraOn' | 'relayOnly' | 'update'
>

/** What one attempt at a call is made of; the session needs only this much of it. */
export interface SessionParts {
  devices: DevicesView
  call: SessionCall
  /** Releases camera, microphone and the early connection (after Back; a call releases its own). */
  stopMedia(): void
}

export class Session<Parts extends SessionParts = SessionParts> {
  #screen = $state<Screen>('lobby')
  #parts = $state.raw<Parts | null>(null)
  #draft = $state.raw<JoinDraft>({
    room: '',
    password: '',
    visibility: 'private',
    admission: 'open',
  })
  #failure = $state.raw<CallFailure | null>(null)
  #joining = $state(false)
  #returned = $state(false)
  readonly #createParts: () => Parts
  readonly #settings: SessionSettings

  constructor(createParts: () => Parts, settings: SessionSettings, initialRoom: string) {
    this.#createParts = createParts
    this.#settings = settings
    this.#draft = { ...this.#draft, room: initialRoom }
  }

  get screen(): Screen {
    return this.#screen
  }
  /** The parts of the current attempt: set on the device check and in the call, else null. */
  get parts(): Parts | null {
    return this.#parts
  }
  get draft(): JoinDraft {
    return this.#draft
  }
  /** Why the last join or call failed, shown in the lobby until the next attempt. */
  get failure(): CallFailure | null {
    return this.#failure
  }
  get joining(): boolean {
    return this.#joining
  }
  /** The lobby is shown again (after Back, a leave or a failure), not for the first time. */
  get returned(): boolean {
    return this.#returned
  }

  /** A room named from outside the lobby form (a noom:// link) becomes the draft's room. */
  setDraftRoom(room: string): void {
    this.#draft = { ...this.#draft, room, password: '' }
  }

  /** From the lobby: remembers what the user entered and opens the device check. */
  toDeviceCheck(request: LobbyRequest): void {
    const { serverUrl, nickname, room, password, visibility, admission, relayOnly } = request
    this.#settings.update({ serverUrl, nickname, lastRoom: room, relayOnly })
    this.#draft = { room, password, visibility, admission }
    this.#failure = null
    const parts = this.#createParts()
    this.#parts = parts
    this.#screen = 'devices'
    const { micOn, cameraOn } = this.#settings
    // The store shows what went wrong itself (problems per device); nothing to add here.
    Promise.resolve(parts.devices.start({ micOn, cameraOn })).catch(() => {})
  }

  backToLobby(): void {
    this.#toLobby(null)
  }

  setMicOn(on: boolean): void {
    this.#parts?.devices.setMicOn(on)
    this.#settings.update({ micOn: on })
  }

  setCameraOn(on: boolean): void {
    this.#parts?.devices.setCameraOn(on)
    this.#settings.update({ cameraOn: on })
  }

  /** The devices store remembers the choice in settings itself. */
  chooseDevice(kind: DeviceKind, deviceId: string): void {
    this.#parts?.devices.choose(kind, deviceId)
  }

  /** Joins with the draft: the call screen on success, the lobby with the failure otherwise. */
  async join(): Promise<void> {
    const parts = this.#parts
    if (!parts || this.#joining) return
    this.#joining = true
    const { room, password, visibility, admission } = this.#draft
    let joined: boolean
    try {
      joined = await parts.call.join({
        server: this.#settings.serverUrl,
        room,
        nickname: this.#settings.nickname,
        visibility,
        ...(admission === 'knock' ? { admission } : {}),
        ...(password ? { password } : {}),
      })
    } catch {
      joined = false
    } finally {
      this.#joining = false
    }
    if (this.#parts !== parts) {
      // The user went back meanwhile: a join that still worked is left at once.
      if (joined) void parts.call.leave()
      return
    }
    if (joined) this.#screen = 'call'
    else this.#toLobby(parts.call.failure ?? { code: 'internal' })
  }

  leave(): void {
    void this.#parts?.call.leave()
    this.#toLobby(null)
  }

  /** Follows the call store: a call that ended or failed elsewhere returns to the lobby. */
  followCall(): void {
    if (this.#screen !== 'call') return
    const call = this.#parts?.call
    if (call?.phase === 'failed') this.#toLobby(call.failure ?? { code: 'internal' })
    else if (call?.phase === 'left') this.#toLobby(null)
  }

  #toLobby(failure: CallFailure | null): void {
    const parts = this.#parts
    this.#parts = null
    parts?.devices.stop()
    parts?.stopMedia()
    this.#failure = failure
    // A wrong password is typed again, not sent again.
    if (failure?.code === 'wrong_password') this.#draft = { ...this.#draft, password: '' }
    this.#screen = 'lobby'
    this.#returned = true
  }
}
