import { fireEvent, render, screen, within } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { ChatLine } from '../stores/chat.svelte.js'
import ChatPanel from './ChatPanel.svelte'
import { message } from './test-fixtures.js'

function props(lines: ChatLine[]) {
  return { lines, onsend: vi.fn(), onretry: vi.fn(), onclose: vi.fn() }
}

/** jsdom has no layout: give the log a scroll geometry. */
function setGeometry(
  log: HTMLElement,
  box: { scrollTop: number; scrollHeight: number; clientHeight: number },
) {
  Object.defineProperty(log, 'scrollHeight', { configurable: true, value: box.scrollHeight })
  Object.defineProperty(log, 'clientHeight', { configurable: true, value: box.clientHeight })
  log.scrollTop = box.scrollTop
}

describe('ChatPanel', () => {
  it('shows names, local times and text as text, keeping line breaks', () => {
    const hostile = '<img src=x onerror=alert(1)>\nsecond line'
    const { container } = render(
      ChatPanel,
      props([message('1', { text: hostile, nickname: '<b>Bo</b>' })]),
    )
    const log = screen.getByRole('log', { name: 'Messages' })
    expect(within(log).getByText('<b>Bo</b>')).toBeInTheDocument()
    expect(within(log).getByText('14:07')).toBeInTheDocument()
    expect(container.querySelector('.text')?.textContent).toBe(hostile)
    expect(container.querySelector('img, b')).toBeNull()
  })

  it('shows join and leave lines', () => {
    render(
      ChatPanel,
      props([
        { kind: 'system', id: 's1', event: 'joined', nickname: 'Cy', ts: 0 },
        { kind: 'system', id: 's2', event: 'left', nickname: 'Cy', ts: 0 },
      ]),
    )
    expect(screen.getByText('Cy joined')).toBeInTheDocument()
    expect(screen.getByText('Cy left')).toBeInTheDocument()
  })

  it('marks a message being sent, and a failed one with a Retry that names it', async () => {
    const p = props([
      message('local-1', { mine: true, nickname: '', status: 'sending' }),
      message('local-2', { mine: true, nickname: '', status: 'failed' }),
    ])
    render(ChatPanel, p)
    expect(screen.getByText('Sending…')).toBeInTheDocument()
    expect(screen.getByText('Not sent')).toBeInTheDocument()
    const retries = screen.getAllByRole('button', { name: 'Retry' })
    expect(retries).toHaveLength(1)
    await fireEvent.click(retries[0]!)
    expect(p.onretry).toHaveBeenCalledWith('local-2')
  })

  it('sends on Enter, keeps Shift+Enter for a new line, and clears the input', async () => {
    const p = props([])
    render(ChatPanel, p)
    const input = screen.getByRole('textbox', { name: 'Message' })
    await fireEvent.input(input, { target: { value: 'hello' } })
    await fireEvent.keyDown(input, { key: 'Enter', shiftKey: true })
    expect(p.onsend).not.toHaveBeenCalled()
    await fireEvent.keyDown(input, { key: 'Enter' })
    expect(p.onsend).toHaveBeenCalledWith('hello')
    expect(input).toHaveValue('')
  })

  it('does not send blank text', async () => {
    const p = props([])
    render(ChatPanel, p)
    const input = screen.getByRole('textbox', { name: 'Message' })
    await fireEvent.input(input, { target: { value: '  \n ' } })
    await fireEvent.keyDown(input, { key: 'Enter' })
    expect(p.onsend).not.toHaveBeenCalled()
  })

  it('shows a counter near the length limit', async () => {
    render(ChatPanel, props([]))
    const input = screen.getByRole('textbox', { name: 'Message' })
    expect(screen.queryByText(/of 2000 characters/)).toBeNull()
    await fireEvent.input(input, { target: { value: 'x'.repeat(1900) } })
    expect(screen.getByText('1900 of 2000 characters')).toBeInTheDocument()
  })

  it('follows new lines at the bottom, and offers a jump while the reader is further up', async () => {
    const first = [message('1'), message('2')]
    const { rerender } = render(ChatPanel, props(first))
    const log = screen.getByRole('log')

    // Reading older lines: new ones do not move the view, a button says they came.
    setGeometry(log, { scrollTop: 100, scrollHeight: 1000, clientHeight: 400 })
    await fireEvent.scroll(log)
    await rerender(props([...first, message('3')]))
    expect(log.scrollTop).toBe(100)
    const jump = screen.getByRole('button', { name: 'New messages' })

    await fireEvent.click(jump)
    expect(log.scrollTop).toBe(1000)
    expect(screen.queryByRole('button', { name: 'New messages' })).toBeNull()

    // At the bottom: the view follows.
    setGeometry(log, { scrollTop: 800, scrollHeight: 1200, clientHeight: 400 })
    await fireEvent.scroll(log)
    Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 1300 })
    await rerender(props([...first, message('3'), message('4')]))
    expect(log.scrollTop).toBe(1300)
    expect(screen.queryByRole('button', { name: 'New messages' })).toBeNull()
  })
})
