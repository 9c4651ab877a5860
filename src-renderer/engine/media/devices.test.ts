import { describe, expect, it } from 'vitest'
import { listDevices, setSpeaker, supportsSpeakerSelection } from './devices.js'

function fakeDevices(list: Partial<MediaDeviceInfo>[]): MediaDevices {
  return { enumerateDevices: () => Promise.resolve(list) } as unknown as MediaDevices
}

describe('listDevices', () => {
  it('splits devices by kind with a 1-based index per kind', async () => {
    const lists = await listDevices(
      fakeDevices([
        { kind: 'audioinput', deviceId: 'default', label: 'Default - Mic' },
        { kind: 'videoinput', deviceId: 'cam1', label: 'Front' },
        { kind: 'audioinput', deviceId: 'mic2', label: 'Headset' },
        { kind: 'audiooutput', deviceId: 'out1', label: 'Speakers' },
      ]),
    )
    expect(lists.audioInputs).toEqual([
      { deviceId: 'default', label: 'Default - Mic', index: 1 },
      { deviceId: 'mic2', label: 'Headset', index: 2 },
    ])
    expect(lists.videoInputs).toEqual([{ deviceId: 'cam1', label: 'Front', index: 1 }])
    expect(lists.audioOutputs).toEqual([{ deviceId: 'out1', label: 'Speakers', index: 1 }])
  })

  it('keeps hidden devices (before permission) with empty labels for the UI to name', async () => {
    const lists = await listDevices(fakeDevices([{ kind: 'videoinput', deviceId: '', label: '' }]))
    expect(lists.videoInputs).toEqual([{ deviceId: '', label: '', index: 1 }])
  })

  it('gives empty lists without media devices or when enumerating fails', async () => {
    const empty = { audioInputs: [], videoInputs: [], audioOutputs: [] }
    expect(await listDevices(null)).toEqual(empty)
    const failing = { enumerateDevices: () => Promise.reject(new Error('no')) }
    expect(await listDevices(failing as unknown as MediaDevices)).toEqual(empty)
  })
})

describe('speaker selection', () => {
  it('reports no support and changes nothing where setSinkId is missing (jsdom)', async () => {
    expect(supportsSpeakerSelection()).toBe(false)
    expect(await setSpeaker(document.createElement('audio'), 'out1')).toBe(false)
  })
})
