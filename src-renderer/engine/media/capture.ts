/**
 * Opening capture devices: the constraints every call uses and getUserMedia / getDisplayMedia calls
 * that answer with a result instead of throwing. LocalMedia decides what to keep.
 */
import { MediaError, type DeviceChoice } from '../media-types.js'
import { classifyMediaError, errorName, insecureContextError } from './classify.js'

/** A device kind opened with getUserMedia. */
export type InputKind = 'audio' | 'video'

/** A track, or why there is none. */
export type Capture = { track: MediaStreamTrack; error: null } | { track: null; error: MediaError }

/** Calls need the browser's voice processing; without it every speaker hears themselves back. */
const AUDIO: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
}

/** 720p30 where the camera can; `ideal` lets weaker cameras give what they have instead of failing. */
const VIDEO: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
}

/** Constraints for one kind; an empty or null `deviceId` means the system's default device. */
export function constraintsFor(kind: InputKind, deviceId: string | null): MediaTrackConstraints {
  const base = kind === 'audio' ? AUDIO : VIDEO
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : { ...base }
}

/** The device id a DeviceChoice holds for `kind`. */
export function chosenDevice(choice: DeviceChoice, kind: InputKind): string | null {
  return kind === 'audio' ? choice.audioInput : choice.videoInput
}

function failed(error: MediaError): Capture {
  return { track: null, error }
}

/** Takes the one track of `kind` out of a fresh stream. */
function take(stream: MediaStream, kind: InputKind): Capture {
  const track = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0]
  if (track) return { track, error: null }
  return failed(new MediaError('unknown', kind, `getUserMedia gave no ${kind} track`))
}

async function countDevices(devices: MediaDevices, kind: InputKind): Promise<number | undefined> {
  try {
    const all = await devices.enumerateDevices()
    return all.filter((device) => device.kind === `${kind}input`).length
  } catch {
    return undefined
  }
}

/** A chosen device that is no longer there: unplugged since the choice was saved. */
function isMissingDevice(error: unknown): boolean {
  const name = errorName(error)
  return name === 'OverconstrainedError' || name === 'NotFoundError'
}

/**
 * Opens one device of `kind`. With `fallback`, a chosen device that is gone gives way to the
 * default device, so a saved choice from yesterday's headset does not cost today's call its sound.
 */
export async function captureInput(
  devices: MediaDevices | null,
  kind: InputKind,
  deviceId: string | null,
  fallback: boolean,
): Promise<Capture> {
  if (!devices) return failed(insecureContextError(kind))
  try {
    return take(await devices.getUserMedia({ [kind]: constraintsFor(kind, deviceId) }), kind)
  } catch (error) {
    if (fallback && deviceId && isMissingDevice(error)) {
      return captureInput(devices, kind, null, false)
    }
    return failed(classifyMediaError(error, kind, await countDevices(devices, kind)))
  }
}

/**
 * Opens what is asked. Both kinds go in one request first (one permission prompt in a browser); if
 * that fails, each kind is asked alone, so a busy camera does not cost the microphone and each
 * failure gets its own reason.
 */
export async function captureInputs(
  devices: MediaDevices | null,
  ask: { audio: boolean; video: boolean },
  choice: DeviceChoice,
): Promise<{ audio: Capture | null; video: Capture | null }> {
  if (devices && ask.audio && ask.video) {
    try {
      const stream = await devices.getUserMedia({
        audio: constraintsFor('audio', choice.audioInput),
        video: constraintsFor('video', choice.videoInput),
      })
      return { audio: take(stream, 'audio'), video: take(stream, 'video') }
    } catch {
      // Fall through: the requests below find out which kind failed, and why.
    }
  }
  const audio = ask.audio ? await captureInput(devices, 'audio', choice.audioInput, true) : null
  const video = ask.video ? await captureInput(devices, 'video', choice.videoInput, true) : null
  return { audio, video }
}

/** A screen (or window) share: its video and, when asked and given, the system's sound. */
export interface ScreenCapture {
  video: MediaStreamTrack
  audio: MediaStreamTrack | null
}

/** Asks the user (or Electron's picker) for a screen; a cancelled picker is 'permission-denied'. */
export async function captureScreen(
  devices: MediaDevices | null,
  systemAudio: boolean,
): Promise<ScreenCapture | MediaError> {
  if (!devices) return insecureContextError('screen')
  if (typeof devices.getDisplayMedia !== 'function') {
    return new MediaError('unknown', 'screen', 'getDisplayMedia is not supported here')
  }
  try {
    const stream = await devices.getDisplayMedia({
      video: { frameRate: { max: 30 } },
      audio: systemAudio,
    })
    const video = stream.getVideoTracks()[0]
    const audio = stream.getAudioTracks()[0] ?? null
    if (video) return { video, audio }
    audio?.stop()
    return new MediaError('unknown', 'screen', 'getDisplayMedia gave no video track')
  } catch (error) {
    return classifyMediaError(error, 'screen')
  }
}
