/**
 * Turns what getUserMedia / getDisplayMedia throw into a MediaProblem code the UI can translate.
 * The browser's own message is kept as the MediaError message, for logs only.
 */
import { MediaError, type MediaProblem } from '../media-types.js'

/** What was being captured when it failed. */
export type CaptureKind = MediaError['kind']

/**
 * Error names from the Media Capture spec, plus the names Chrome used before it followed the spec
 * (PermissionDeniedError, DevicesNotFoundError, TrackStartError, ConstraintNotSatisfiedError).
 */
const PROBLEM_BY_NAME: Readonly<Record<string, MediaProblem>> = {
  NotAllowedError: 'permission-denied',
  PermissionDeniedError: 'permission-denied',
  SecurityError: 'permission-denied',
  NotFoundError: 'not-found',
  DevicesNotFoundError: 'not-found',
  NotReadableError: 'busy',
  TrackStartError: 'busy',
  AbortError: 'busy',
  OverconstrainedError: 'overconstrained',
  ConstraintNotSatisfiedError: 'overconstrained',
}

/** The `name` of a thrown DOMException or Error; '' for anything else. */
export function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    return typeof error.name === 'string' ? error.name : ''
  }
  return ''
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return typeof error.message === 'string' ? error.message : ''
  }
  return typeof error === 'string' ? error : ''
}

/**
 * Classifies a capture failure. `devicesOfKind` is how many devices of that kind the browser lists,
 * when known: an OverconstrainedError with none at all means there is nothing to open ('not-found'),
 * not that the device we asked for cannot do what we asked.
 */
export function classifyMediaError(
  error: unknown,
  kind: CaptureKind,
  devicesOfKind?: number,
): MediaError {
  if (error instanceof MediaError) return error
  const name = errorName(error)
  let problem = PROBLEM_BY_NAME[name] ?? 'unknown'
  if (problem === 'overconstrained' && devicesOfKind === 0) problem = 'not-found'
  return new MediaError(problem, kind, `${name || 'Error'}: ${messageOf(error)}`)
}

/** The failure when navigator.mediaDevices is missing: the page is not a secure context. */
export function insecureContextError(kind: CaptureKind): MediaError {
  return new MediaError(
    'insecure',
    kind,
    'navigator.mediaDevices is missing (not a secure context)',
  )
}
