/**
 * The device lists for the pickers, and the speaker choice (setSinkId) where the platform has it.
 */

export interface DeviceInfo {
  /** '' while the browser hides devices (before permission): such an entry cannot be chosen. */
  deviceId: string
  /** '' before permission: the UI then names it by kind and `index` ("Camera 2"). */
  label: string
  /** 1-based position among devices of its kind. */
  index: number
}

export interface DeviceLists {
  audioInputs: DeviceInfo[]
  videoInputs: DeviceInfo[]
  audioOutputs: DeviceInfo[]
}

function ofKind(devices: MediaDeviceInfo[], kind: MediaDeviceKind): DeviceInfo[] {
  return devices
    .filter((device) => device.kind === kind)
    .map((device, i) => ({ deviceId: device.deviceId, label: device.label, index: i + 1 }))
}

/** Lists cameras, microphones and speakers; empty lists where media devices are unavailable. */
export async function listDevices(
  devices: MediaDevices | null = navigator.mediaDevices ?? null,
): Promise<DeviceLists> {
  const all = devices ? await devices.enumerateDevices().catch(() => []) : []
  return {
    audioInputs: ofKind(all, 'audioinput'),
    videoInputs: ofKind(all, 'videoinput'),
    audioOutputs: ofKind(all, 'audiooutput'),
  }
}

/** Whether sound can be sent to a chosen speaker (Chromium and Electron yes; Safari no). */
export function supportsSpeakerSelection(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype
}

/**
 * Plays `element` on speaker `deviceId` (null: the system default). Resolves false where the
 * platform cannot, or the device is gone or refused; the element then keeps its current speaker.
 */
export async function setSpeaker(
  element: HTMLMediaElement,
  deviceId: string | null,
): Promise<boolean> {
  if (!supportsSpeakerSelection()) return false
  try {
    await element.setSinkId(deviceId ?? '')
    return true
  } catch {
    return false
  }
}
