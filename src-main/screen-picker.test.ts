import type { DesktopCapturer, Session } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ScreenPickRequest } from '../contract/index.js'
import type { CapturePlatform, CapturerSource, ImageLike } from './capture-sources.js'
import {
  PICK_TIMEOUT_MS,
  ScreenPicker,
  type DisplayMediaCallback,
  type GrantedStreams,
  type ScreenPickerOptions,
} from './screen-picker.js'

// Compile-time: the real Electron objects satisfy the structural interfaces.
type Accepts<Target, _Source extends Target> = true
type _ElectronFits = [
  Accepts<ScreenPickerOptions['getSources'], DesktopCapturer['getSources']>,
  Accepts<
    NonNullable<Parameters<Session['setDisplayMediaRequestHandler']>[0]>,
    ScreenPicker['handleRequest']
  >,
]

const APP = 'app://noom'
const LINUX_X11: CapturePlatform = { platform: 'linux', waylandPortal: false }
const WAYLAND: CapturePlatform = { platform: 'linux', waylandPortal: true }
const WINDOWS: CapturePlatform = { platform: 'win32', waylandPortal: false }
const MAC: CapturePlatform = { platform: 'darwin', waylandPortal: false }

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

/** A picker over fake Electron parts; `ask` makes a request and waits until it is shown (or done). */
function setup(over: Partial<ScreenPickerOptions> = {}, found = [SCREEN, WINDOW]) {
  const sent: ScreenPickRequest[] = []
  const logger = { warn: vi.fn(), error: vi.fn() }
  const getSources = vi.fn<ScreenPickerOptions['getSources']>(() => Promise.resolve(found))
  const picker = new ScreenPicker({
    getSources,
    send: (request) => sent.push(request),
    platform: LINUX_X11,
    isAllowedOrigin: (origin) => origin === APP,
    logger,
    ...over,
  })
  async function ask(audioRequested = false, securityOrigin = APP) {
    const callback = vi.fn<DisplayMediaCallback>()
    const before = sent.length
    picker.handleRequest({ securityOrigin, audioRequested }, callback)
    await vi.advanceTimersByTimeAsync(0)
    return { callback, shown: sent.length > before ? sent.at(-1) : undefined }
  }
  return { picker, sent, logger, getSources, ask }
}

const CHOSEN_WINDOW: GrantedStreams = { video: { id: 'window:42:0', name: 'Editor' } }

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('ScreenPicker round trip', () => {
  it.each<[string, (picker: ScreenPicker, requestId: string) => void, GrantedStreams | null]>([
    [
      'choose',
      (p, id) => p.answer(id, { sourceId: 'window:42:0', systemAudio: false }),
      CHOSEN_WINDOW,
    ],
    ['cancel', (p, id) => p.answer(id, null), null],
    ['timeout', () => vi.advanceTimersByTime(PICK_TIMEOUT_MS), null],
    ['window closed', (p) => p.cancelAll(), null],
    [
      'forged source id',
      (p, id) => p.answer(id, { sourceId: 'screen:9:0', systemAudio: false }),
      null,
    ],
  ])('completes exactly once on %s', async (_name, act, expected) => {
    const { picker, ask } = setup()
    const { callback, shown } = await ask()
    expect(shown?.sources.map((s) => s.id)).toEqual(['screen:0:0', 'window:42:0'])
    act(picker, shown!.requestId)
    expect(callback).toHaveBeenCalledExactlyOnceWith(expected)
    // Nothing afterwards reaches Electron again.
    expect(picker.answer(shown!.requestId, { sourceId: 'window:42:0', systemAudio: false })).toBe(
      false,
    )
    picker.cancelAll()
    vi.advanceTimersByTime(2 * PICK_TIMEOUT_MS)
    expect(callback).toHaveBeenCalledOnce()
  })

  it('does not time out early, and honours a custom timeout', async () => {
    const { ask } = setup({ timeoutMs: 5_000 })
    const { callback } = await ask()
    vi.advanceTimersByTime(4_999)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledExactlyOnceWith(null)
  })

  it('gives each request a fresh UUID', async () => {
    const { ask } = setup()
    const first = await ask()
    const second = await ask()
    expect(first.shown?.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.shown?.requestId).not.toBe(first.shown?.requestId)
  })

  it('ignores an unknown request id and keeps the request open', async () => {
    const { picker, ask } = setup()
    const { callback, shown } = await ask()
    expect(picker.answer('not-the-id', { sourceId: 'screen:0:0', systemAudio: false })).toBe(false)
    expect(picker.answer('not-the-id', null)).toBe(false)
    expect(callback).not.toHaveBeenCalled()
    expect(picker.answer(shown!.requestId, { sourceId: 'screen:0:0', systemAudio: false })).toBe(
      true,
    )
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      video: { id: 'screen:0:0', name: 'Entire screen' },
    })
  })

  it('denies the older of two overlapping requests and serves the newer', async () => {
    const { picker, ask } = setup()
    const older = await ask()
    const newer = await ask()
    expect(older.callback).toHaveBeenCalledExactlyOnceWith(null)
    expect(picker.answer(older.shown!.requestId, null)).toBe(false)
    picker.answer(newer.shown!.requestId, { sourceId: 'window:42:0', systemAudio: false })
    expect(newer.callback).toHaveBeenCalledExactlyOnceWith(CHOSEN_WINDOW)
  })

  it('never shows a request superseded while its sources were being listed', async () => {
    let release: (sources: CapturerSource[]) => void = () => {}
    const { picker, sent, getSources } = setup()
    getSources.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
    const slow = vi.fn<DisplayMediaCallback>()
    picker.handleRequest({ securityOrigin: APP, audioRequested: false }, slow)
    picker.cancelAll()
    release([SCREEN])
    await vi.advanceTimersByTimeAsync(0)
    expect(slow).toHaveBeenCalledExactlyOnceWith(null)
    expect(sent).toEqual([])
  })

  it('denies, logging the error, when the sources cannot be listed', async () => {
    const failure = new Error('capturer failed')
    const { ask, logger, sent } = setup({ getSources: () => Promise.reject(failure) })
    const { callback } = await ask()
    expect(callback).toHaveBeenCalledExactlyOnceWith(null)
    expect(logger.error).toHaveBeenCalledWith(expect.any(String), failure)
    expect(sent).toEqual([])
  })

  it('offers each source once', async () => {
    const { ask } = setup({}, [SCREEN, SCREEN, WINDOW])
    expect((await ask()).shown?.sources.map((s) => s.id)).toEqual(['screen:0:0', 'window:42:0'])
  })

  it('denies when there is nothing to share', async () => {
    const { ask, sent } = setup({}, [])
    const { callback } = await ask()
    expect(callback).toHaveBeenCalledExactlyOnceWith(null)
    expect(sent).toEqual([])
  })

  it('denies a request from another origin without listing sources', async () => {
    const { ask, getSources, logger } = setup()
    const { callback } = await ask(false, 'https://evil.example')
    expect(callback).toHaveBeenCalledExactlyOnceWith(null)
    expect(getSources).not.toHaveBeenCalled()
    expect(logger.warn).toHaveBeenCalled()
  })

  it('denies when the picker cannot be shown', async () => {
    const { ask, logger } = setup({
      send: () => {
        throw new Error('window destroyed')
      },
    })
    const { callback } = await ask()
    expect(callback).toHaveBeenCalledExactlyOnceWith(null)
    expect(logger.error).toHaveBeenCalled()
  })

  it('logs, rather than throws, when Electron rejects the answer', async () => {
    const { picker, ask, logger } = setup()
    const { callback, shown } = await ask()
    callback.mockImplementation(() => {
      throw new TypeError('video must be a WebFrameMain or DesktopCapturerSource')
    })
    expect(() => picker.answer(shown!.requestId, null)).not.toThrow()
    expect(logger.error).toHaveBeenCalled()
  })
})

describe('ScreenPicker on Wayland', () => {
  it('grants the portal’s one source without a second picker', async () => {
    const { ask, sent } = setup({ platform: WAYLAND }, [WINDOW])
    const { callback } = await ask()
    expect(callback).toHaveBeenCalledExactlyOnceWith(CHOSEN_WINDOW)
    expect(sent).toEqual([])
  })

  it('denies when the portal dialog was cancelled', async () => {
    const { ask } = setup({ platform: WAYLAND }, [])
    expect((await ask()).callback).toHaveBeenCalledExactlyOnceWith(null)
  })

  it('asks for no thumbnails and falls back to the picker when given several sources', async () => {
    const { ask, getSources } = setup({ platform: WAYLAND })
    const { shown } = await ask()
    expect(getSources.mock.calls[0]?.[0].thumbnailSize).toEqual({ width: 0, height: 0 })
    expect(shown?.sources).toHaveLength(2)
  })

  it('shows the picker for a single source when there is no portal', async () => {
    const { ask } = setup({}, [SCREEN])
    const { callback, shown } = await ask()
    expect(shown?.sources).toHaveLength(1)
    expect(callback).not.toHaveBeenCalled()
  })
})

describe('ScreenPicker system audio', () => {
  it.each<[string, CapturePlatform, boolean, boolean, boolean, GrantedStreams['audio']]>([
    ['Windows, chosen', WINDOWS, true, true, true, 'loopback'],
    ['Windows, not chosen', WINDOWS, true, true, false, undefined],
    ['Windows, page asked no audio', WINDOWS, false, false, true, undefined],
    ['macOS', MAC, true, false, true, undefined],
    ['Linux', LINUX_X11, true, false, true, undefined],
  ])('%s', async (_name, platform, audioRequested, offered, chosen, audio) => {
    const { picker, ask } = setup({ platform })
    const { callback, shown } = await ask(audioRequested)
    expect(shown?.systemAudio).toBe(offered)
    picker.answer(shown!.requestId, { sourceId: 'screen:0:0', systemAudio: chosen })
    const granted = callback.mock.calls[0]?.[0]
    expect(granted?.audio).toBe(audio)
    expect(granted && 'audio' in granted).toBe(audio !== undefined)
  })
})
