import { describe, expect, it } from 'vitest'
import { MediaError } from '../media-types.js'
import { classifyMediaError, insecureContextError } from './classify.js'

const domError = (name: string): DOMException => new DOMException(`${name} happened`, name)

describe('classifyMediaError', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['PermissionDeniedError', 'permission-denied'],
    ['NotFoundError', 'not-found'],
    ['DevicesNotFoundError', 'not-found'],
    ['NotReadableError', 'busy'],
    ['AbortError', 'busy'],
    ['TrackStartError', 'busy'],
    ['OverconstrainedError', 'overconstrained'],
    ['ConstraintNotSatisfiedError', 'overconstrained'],
    ['TypeError', 'unknown'],
  ])('maps %s to %s', (name, problem) => {
    const error = classifyMediaError(domError(name), 'video')
    expect(error).toBeInstanceOf(MediaError)
    expect(error.problem).toBe(problem)
    expect(error.kind).toBe('video')
  })

  it('calls an OverconstrainedError with no device of that kind at all not-found', () => {
    expect(classifyMediaError(domError('OverconstrainedError'), 'audio', 0).problem).toBe(
      'not-found',
    )
    expect(classifyMediaError(domError('OverconstrainedError'), 'audio', 2).problem).toBe(
      'overconstrained',
    )
  })

  it('keeps the browser message for logs only', () => {
    expect(classifyMediaError(domError('NotReadableError'), 'audio').message).toBe(
      'NotReadableError: NotReadableError happened',
    )
  })

  it('classifies plain Errors, strings and nothing as unknown without throwing', () => {
    expect(classifyMediaError(new TypeError('bad constraints'), 'screen').problem).toBe('unknown')
    expect(classifyMediaError('weird', 'screen').problem).toBe('unknown')
    expect(classifyMediaError(undefined, 'screen').problem).toBe('unknown')
  })

  it('passes a MediaError through unchanged', () => {
    const original = new MediaError('busy', 'video', 'already classified')
    expect(classifyMediaError(original, 'audio')).toBe(original)
  })

  it('names a missing navigator.mediaDevices insecure', () => {
    expect(insecureContextError('audio')).toMatchObject({ problem: 'insecure', kind: 'audio' })
  })
})
