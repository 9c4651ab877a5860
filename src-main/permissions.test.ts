import { describe, expect, it } from 'vitest'
import { DESKTOP_APP_ORIGIN } from '../protocol/index.js'
import {
  decideDevicePermission,
  decidePermission,
  decidePermissionCheck,
  isAppOrigin,
  type PermissionRequestInfo,
} from './permissions.js'

const APP = DESKTOP_APP_ORIGIN
const DEV = 'http://localhost:5173'
const PAGE = `${APP}/index.html#/room/demo`

/** A request from the app's main frame, changed only where a test says so. */
function request(overrides: Partial<PermissionRequestInfo>): PermissionRequestInfo {
  return { permission: 'media', requestingUrl: PAGE, isMainFrame: true, ...overrides }
}

describe('decidePermission', () => {
  it.each<Partial<PermissionRequestInfo>>([
    { permission: 'media', mediaTypes: ['video'] },
    { permission: 'media', mediaTypes: ['audio'] },
    { permission: 'media', mediaTypes: ['video', 'audio'] },
    { permission: 'display-capture', mediaTypes: ['video', 'audio'] },
    { permission: 'display-capture' },
    { permission: 'notifications' },
    { permission: 'fullscreen' },
    { permission: 'media', mediaTypes: ['audio'], requestingUrl: 'APP://NOOM/index.html' },
  ])('grants the app main frame %o', (overrides) => {
    expect(decidePermission(request(overrides), APP)).toBe(true)
  })

  it('grants the dev server origin when the app runs from it', () => {
    const req = request({ requestingUrl: `${DEV}/#/lobby`, mediaTypes: ['video'] })
    expect(decidePermission(req, DEV)).toBe(true)
  })

  it.each([
    'geolocation',
    'midi',
    'midiSysex',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'pointerLock',
    'hid',
    'serial',
    'usb',
    'mediaKeySystem',
    'idle-detection',
    'storage-access',
    'fileSystem',
    'unknown',
    '',
    'MEDIA',
    'media ',
  ])('denies %j even to the app main frame', (permission) => {
    expect(decidePermission(request({ permission, mediaTypes: ['video'] }), APP)).toBe(false)
  })

  it.each([[undefined], [[]], [['video', 'screen']], [['unknown']], [['VIDEO']]])(
    'denies media with media types %j',
    (mediaTypes) => {
      expect(decidePermission(request({ mediaTypes }), APP)).toBe(false)
    },
  )

  it.each([
    'https://evil.example/',
    'app://noom.evil/',
    'app://noom@evil/',
    'app://evil@noom/',
    'app://x:y@noom/',
    'app://noom:8080/',
    'app://no%6Fm/',
    'app://evilnoom/',
    'app:noom',
    'app:/noom',
    'http://noom/',
    'http://127.0.0.1/',
    'http://127.0.0.1:5173/',
    'http://localhost:5173/',
    'file:///opt/Noom/out/renderer/index.html',
    'file://noom/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'blob:app://noom/0b5b-4c1e',
    'javascript:alert(1)',
    '',
    'not a url',
  ])('denies camera to %j', (requestingUrl) => {
    for (const permission of ['media', 'display-capture', 'notifications', 'fullscreen']) {
      const req = request({ permission, requestingUrl, mediaTypes: ['video'] })
      expect(decidePermission(req, APP)).toBe(false)
    }
  })

  it('denies a subframe of the app itself', () => {
    const req = request({ isMainFrame: false, mediaTypes: ['video'] })
    expect(decidePermission(req, APP)).toBe(false)
  })

  it.each(['null', 'file:///opt/Noom/out/renderer/index.html', 'about:blank', ''])(
    'denies everything when the app origin is the opaque %j',
    (appOrigin) => {
      const req = request({ requestingUrl: appOrigin, mediaTypes: ['video'] })
      expect(decidePermission(req, appOrigin)).toBe(false)
    },
  )
})

describe('decidePermissionCheck', () => {
  const check = { permission: 'media', requestingOrigin: APP, isMainFrame: true }

  it.each([
    { mediaType: 'video' },
    { mediaType: 'audio' },
    {},
    { permission: 'fullscreen' },
    { permission: 'notifications' },
    { permission: 'display-capture' },
  ])('answers yes for the app main frame with %o', (overrides) => {
    expect(decidePermissionCheck({ ...check, ...overrides }, APP)).toBe(true)
  })

  it.each([
    { mediaType: 'unknown' },
    { permission: 'geolocation' },
    { permission: 'clipboard-read' },
    { permission: 'hid' },
    { permission: 'serial' },
    { permission: 'usb' },
    { permission: 'openExternal' },
    { isMainFrame: false },
    { requestingOrigin: 'https://evil.example' },
    { requestingOrigin: 'app://noom.evil' },
    { requestingOrigin: 'app://noom@evil' },
    { requestingOrigin: 'http://127.0.0.1' },
    { requestingOrigin: 'null' },
    { requestingOrigin: 'file://' },
    { embeddingOrigin: 'https://evil.example' },
  ])('answers no with %o', (overrides) => {
    expect(decidePermissionCheck({ ...check, ...overrides }, APP)).toBe(false)
  })
})

describe('isAppOrigin', () => {
  it('matches by scheme, host and port, not by path', () => {
    expect(isAppOrigin(`${DEV}/some/where?q=1`, DEV)).toBe(true)
    expect(isAppOrigin('http://localhost:5174/', DEV)).toBe(false)
    expect(isAppOrigin('https://localhost:5173/', DEV)).toBe(false)
  })
})

describe('decideDevicePermission', () => {
  it('never grants a HID, serial or USB device', () => {
    expect(decideDevicePermission()).toBe(false)
  })
})
