/**
 * What the call store makes of the engine's state for the UI: a remote member as a tile and a list
 * row, and a refused rename as a message in words.
 */
import type { MediaState, Participant } from '../../protocol/index.js'
import type { RenameFailure } from '../engine/failure.js'
import type { CallEngine } from '../engine/call.js'
import type { Remote } from '../engine/remote.js'
import { checkNickname } from '../lib/validate.js'
import type { Translatable } from '../i18n/locale.js'
import type { ParticipantView } from './call-types.js'

export function remoteView(remote: Remote): ParticipantView {
  const status = remote.status
  return {
    id: remote.id,
    nickname: remote.participant.nickname,
    self: false,
    role: remote.participant.role,
    media: remote.participant.media,
    camera: remote.camera,
    screen: remote.screen,
    speaking: remote.speaking,
    connection: status === 'closed' ? 'failed' : status,
    // Figures from before the connection is up say nothing about it.
    quality: status === 'connected' ? remote.quality : null,
  }
}

/** Our own tile and row: what the engine knows of us, with what only this page knows. */
export function selfView(
  self: Participant,
  local: { media: MediaState; camera: MediaStream; screen: MediaStream | null; speaking: boolean },
): ParticipantView {
  return {
    id: self.id,
    nickname: self.nickname,
    self: true,
    role: self.role,
    ...local,
    connection: 'connected',
    quality: null,
  }
}

/** A video track as a stream for a tile: the same stream while the track stays the same. */
export class StreamOf {
  #stream: MediaStream | null = null

  of(track: MediaStreamTrack | null): MediaStream | null {
    if (!track) return (this.#stream = null)
    if (this.#stream?.getVideoTracks()[0] !== track) this.#stream = new MediaStream([track])
    return this.#stream
  }
}

/**
 * Takes `nickname` for the rest of the call through `engine` (null: not in one); `onRenamed` hears
 * it once the server agreed. Resolves with what to tell the user when it did not happen, else null.
 */
export async function renameIn(
  engine: Pick<CallEngine, 'rename'> | null,
  nickname: string,
  onRenamed?: (nickname: string) => void,
): Promise<Translatable | null> {
  const problem = checkNickname(nickname)
  if (problem) return problem
  if (!engine) return renameProblem({ code: 'offline', detail: '' })
  const result = await engine.rename(nickname)
  if (!result.ok) return renameProblem(result.failure)
  onRenamed?.(result.nickname)
  return null
}

/** Why a rename did not happen, as the participants panel says it. */
export function renameProblem(failure: RenameFailure): Translatable {
  const detail = failure.detail
  switch (failure.code) {
    case 'invalid':
      return { key: 'participants.renameError.invalid', params: { detail } }
    case 'rate_limited':
      return { key: 'participants.renameError.rateLimited' }
    case 'taken':
      return { key: 'participants.renameError.taken' }
    case 'offline':
      return { key: 'participants.renameError.offline' }
    case 'refused':
      return detail
        ? { key: 'participants.renameError.refusedSaying', params: { detail } }
        : { key: 'participants.renameError.refused' }
    default: {
      const unhandled: never = failure.code
      return unhandled
    }
  }
}
