/**
 * Call parts for the app controller's tests, whose phase and unread count a test sets: reactive,
 * as the real stores are, so the controller's effects see the changes.
 */
import { vi } from 'vitest'
import type { CallFailure } from '../engine/types.js'
import type { CallPhase } from '../stores/call-types.js'
import type { CallPartsOptions } from './call-parts.js'

export class FakeCall {
  phase = $state<CallPhase>('idle')
  failure = $state.raw<CallFailure | null>(null)
  join = vi.fn(() => {
    this.phase = 'in-call'
    return Promise.resolve(true)
  })
  leave = vi.fn(() => {
    this.phase = 'left'
    return Promise.resolve()
  })
}

export class FakeChat {
  unread = $state(0)
}

export interface FakeParts {
  /** What the app built these parts with (its callbacks). */
  options: CallPartsOptions
  call: FakeCall
  chat: FakeChat
  devices: { start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> }
  stopMedia: ReturnType<typeof vi.fn>
}
