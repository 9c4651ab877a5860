import { fireEvent, render, screen, within } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { ScreenPickRequest, ScreenSource } from '../../contract/index.js'
import { SystemAccess } from '../stores/system-access.svelte.js'
import ScreenPicker from './ScreenPicker.svelte'

const PNG = 'data:image/png;base64,iVBORw0KGgo='

function source(over: Partial<ScreenSource> & Pick<ScreenSource, 'id' | 'name'>): ScreenSource {
  const kind = over.id.startsWith('screen:') ? 'screen' : 'window'
  return { kind, thumbnail: PNG, appIcon: null, ...over }
}

function request(over: Partial<ScreenPickRequest> = {}): ScreenPickRequest {
  return {
    requestId: 'req-1',
    sources: [
      source({ id: 'screen:0:0', name: 'Screen 1' }),
      source({ id: 'screen:1:0', name: 'Screen 2' }),
      source({ id: 'window:7:0', name: 'Editor', appIcon: PNG }),
      source({ id: 'window:8:0', name: 'Browser' }),
    ],
    systemAudio: false,
    ...over,
  }
}

function setup(over: Partial<ScreenPickRequest> = {}) {
  const onchoose = vi.fn()
  const oncancel = vi.fn()
  const result = render(ScreenPicker, { request: request(over), onchoose, oncancel })
  return { ...result, onchoose, oncancel }
}

const share = () => screen.getByRole('button', { name: 'Share' })

describe('ScreenPicker', () => {
  it('lists screens and windows in two labelled groups', () => {
    setup()
    const screens = screen.getByRole('radiogroup', { name: 'Screens' })
    const windows = screen.getByRole('radiogroup', { name: 'Windows' })
    expect(
      within(screens)
        .getAllByRole('radio')
        .map((r) => r.textContent?.trim()),
    ).toEqual(['Screen 1', 'Screen 2'])
    expect(
      within(windows)
        .getAllByRole('radio')
        .map((r) => r.textContent?.trim()),
    ).toEqual(['Editor', 'Browser'])
    expect(screen.getByRole('dialog', { name: 'Choose what to share' })).toBeInTheDocument()
  })

  it('moves focus into the dialog when it opens', () => {
    setup()
    expect(screen.getByRole('radio', { name: 'Screen 1' })).toHaveFocus()
  })

  it('keeps Share disabled until a source is chosen, then shares it', async () => {
    const { onchoose } = setup()
    expect(share()).toBeDisabled()
    await fireEvent.click(screen.getByRole('radio', { name: 'Editor' }))
    expect(screen.getByRole('radio', { name: 'Editor' })).toHaveAttribute('aria-checked', 'true')
    await fireEvent.click(share())
    expect(onchoose).toHaveBeenCalledExactlyOnceWith({ sourceId: 'window:7:0', systemAudio: false })
  })

  it('moves and selects with the arrow keys, wrapping, and shares with Enter', async () => {
    const { onchoose } = setup()
    const first = screen.getByRole('radio', { name: 'Screen 1' })
    await fireEvent.keyDown(first, { key: 'ArrowRight' })
    const second = screen.getByRole('radio', { name: 'Screen 2' })
    expect(second).toHaveFocus()
    expect(second).toHaveAttribute('aria-checked', 'true')
    expect(second).toHaveAttribute('tabindex', '0')
    expect(first).toHaveAttribute('tabindex', '-1')
    await fireEvent.keyDown(second, { key: 'ArrowDown' })
    expect(first).toHaveFocus()
    await fireEvent.keyDown(first, { key: 'Enter' })
    expect(onchoose).toHaveBeenCalledExactlyOnceWith({ sourceId: 'screen:0:0', systemAudio: false })
  })

  it('cancels with Escape, and answers only once', async () => {
    const { oncancel, onchoose } = setup()
    await fireEvent.keyDown(screen.getByRole('radio', { name: 'Screen 1' }), { key: 'Escape' })
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(oncancel).toHaveBeenCalledOnce()
    expect(onchoose).not.toHaveBeenCalled()
  })

  it('cancels with the Cancel button', async () => {
    const { oncancel } = setup()
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(oncancel).toHaveBeenCalledOnce()
  })

  it('has no system audio checkbox unless it is offered', () => {
    setup()
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument()
  })

  it('shares system audio when offered and ticked', async () => {
    const { onchoose } = setup({ systemAudio: true })
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Share system audio' }))
    await fireEvent.click(screen.getByRole('radio', { name: 'Screen 2' }))
    await fireEvent.click(share())
    expect(onchoose).toHaveBeenCalledExactlyOnceWith({ sourceId: 'screen:1:0', systemAudio: true })
  })

  it('shows a hostile window title as text', () => {
    const name = '<img src=x onerror="alert(1)"><b>Bank</b>'
    const { container } = setup({ sources: [source({ id: 'window:1:0', name })] })
    expect(screen.getByRole('radio', { name })).toHaveTextContent(name)
    expect(container.querySelector('b')).toBeNull()
    expect(container.querySelector('img[src="x"]')).toBeNull()
  })

  it('uses only PNG data URLs as images, else a placeholder', () => {
    const { container } = setup({
      sources: [
        source({ id: 'screen:0:0', name: 'Remote', thumbnail: 'https://evil.example/t.png' }),
        source({ id: 'window:1:0', name: 'Script', thumbnail: 'javascript:alert(1)' }),
        source({ id: 'window:2:0', name: 'Blank', thumbnail: '', appIcon: 'http://x/i.png' }),
        source({ id: 'window:3:0', name: 'Good', appIcon: PNG }),
      ],
    })
    const sources = [...container.querySelectorAll('img')].map((img) => img.getAttribute('src'))
    expect(sources).toEqual([PNG, PNG])
    expect(container.querySelectorAll('.placeholder')).toHaveLength(3)
  })
})

describe('ScreenPicker and the system screen-recording permission', () => {
  function withAccess(status: 'granted' | 'denied' | 'unknown') {
    const access = {
      getMediaAccess: vi.fn(() => Promise.resolve(status)),
      requestMediaAccess: vi.fn(() => Promise.resolve(true)),
      openMediaAccessSettings: vi.fn(() => Promise.resolve()),
    }
    render(ScreenPicker, {
      request: request(),
      onchoose: vi.fn(),
      oncancel: vi.fn(),
      access: new SystemAccess(access),
    })
    return access
  }

  it('says a share would be blank when macOS denies screen recording, and opens the setting', async () => {
    const access = withAccess('denied')
    expect(await screen.findByText(/only the desktop background/)).toBeVisible()
    await fireEvent.click(screen.getByRole('button', { name: 'Open system settings' }))
    expect(access.openMediaAccessSettings).toHaveBeenCalledExactlyOnceWith('screen')
  })

  it('says nothing when the system allows it or cannot tell', async () => {
    const access = withAccess('granted')
    await vi.waitFor(() => expect(access.getMediaAccess).toHaveBeenCalledWith('screen'))
    expect(screen.queryByText(/only the desktop background/)).toBeNull()
  })
})
