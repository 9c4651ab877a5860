/** Asking the server for a new nickname: checked with protocol's schema first, refusals in words. */
import { describeIssue, nicknameSchema } from '../../protocol/index.js'
import { toRenameFailure, type RenameResult } from './failure.js'
import type { SignalingClient } from './signaling.js'

/** `current`: our nickname now (null when not in a call). Resolves with the name taken or why not. */
export async function requestRename(
  signaling: Pick<SignalingClient, 'updateProfile'>,
  current: string | null,
  nickname: string,
): Promise<RenameResult> {
  const parsed = nicknameSchema.safeParse(nickname)
  if (!parsed.success) {
    return { ok: false, failure: { code: 'invalid', detail: describeIssue(parsed.error) } }
  }
  const name = parsed.data
  if (current === null) return { ok: false, failure: { code: 'offline', detail: '' } }
  if (name === current) return { ok: true, nickname: name }
  try {
    await signaling.updateProfile(name)
  } catch (err) {
    return { ok: false, failure: toRenameFailure(err) }
  }
  return { ok: true, nickname: name }
}
