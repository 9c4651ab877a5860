import { describe, expect, it } from 'vitest'
import {
  capturePlatform,
  displayMediaHandlerOptions,
  offerSources,
  sourcesQuery,
  toScreenSource,
  type CapturerSource,
  type ImageLike,
} from './capture-sources.js'

function image(dataUrl: string): ImageLike {
  return { isEmpty: () => dataUrl === '', toDataURL: () => dataUrl }
}

function source(id: string, name: string, icon: string | null = null): CapturerSource {
  return {
    id,
    name,
    thumbnail: image(`data:image/png;base64,${name}`),
    appIcon: icon ? image(icon) : null,
  }
}

const SCREEN = source('screen:0:0', 'Entire screen')
const WINDOW = source('window:42:0', 'Editor', 'data:image/png;base64,icon')

describe('toScreenSource', () => {
  it('maps screens and windows, with icons only for windows', () => {
    expect(toScreenSource(WINDOW)).toEqual({
      id: 'window:42:0',
      name: 'Editor',
      kind: 'window',
      thumbnail: 'data:image/png;base64,Editor',
      appIcon: 'data:image/png;base64,icon',
    })
    const screenWithIcon = { ...SCREEN, appIcon: image('data:image/png;base64,x') }
    expect(toScreenSource(screenWithIcon)).toMatchObject({ kind: 'screen', appIcon: null })
  })

  it('gives an empty thumbnail as "" and an empty icon as null', () => {
    const blank = { id: 'window:1:0', name: 'w', thumbnail: image(''), appIcon: image('') }
    expect(toScreenSource(blank)).toMatchObject({ thumbnail: '', appIcon: null })
  })

  it('drops ids that are neither screens nor windows', () => {
    expect(toScreenSource(source('tab:1', 'x'))).toBeNull()
  })
})

describe('capturePlatform', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['linux', { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, true],
    ['linux', { XDG_SESSION_TYPE: 'wayland' }, false],
    ['linux', { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0' }, false],
    ['linux', { ELECTRON_OZONE_PLATFORM_HINT: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, false],
    ['linux', {}, false],
    ['win32', { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, false],
  ])('%s %o → portal %s', (platform, env, portal) => {
    expect(capturePlatform(platform, env)).toEqual({ platform, waylandPortal: portal })
  })
})

describe('displayMediaHandlerOptions', () => {
  it.each<[string, string, boolean]>([
    ['darwin', '15.0.1', true],
    ['darwin', '26.1', true],
    ['darwin', '14.7.2', false],
    ['darwin', '', false],
    ['win32', '10.0.26100', false],
    ['linux', '6.8.0', false],
  ])('%s %s → system picker %s', (platform, version, useSystemPicker) => {
    expect(displayMediaHandlerOptions(platform, version)).toEqual({ useSystemPicker })
  })
})

describe('offerSources', () => {
  it('offers screens and windows once each, in the order found, and keeps the originals by id', () => {
    const offer = offerSources([WINDOW, source('tab:1', 'x'), SCREEN, WINDOW])
    expect(offer.sources.map((s) => s.id)).toEqual(['window:42:0', 'screen:0:0'])
    expect(offer.byId.get('window:42:0')).toBe(WINDOW)
    expect(offer.byId.has('tab:1')).toBe(false)
  })
})

describe('sourcesQuery', () => {
  it('asks for thumbnails and icons, except thumbnails under the Wayland portal', () => {
    expect(sourcesQuery({ platform: 'linux', waylandPortal: false })).toEqual({
      types: ['screen', 'window'],
      thumbnailSize: { width: 320, height: 180 },
      fetchWindowIcons: true,
    })
    expect(sourcesQuery({ platform: 'linux', waylandPortal: true }).thumbnailSize).toEqual({
      width: 0,
      height: 0,
    })
  })
})
