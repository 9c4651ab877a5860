import { render } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import ChatLineItem from './ChatLineItem.svelte'
import { message } from './test-fixtures.js'

describe('ChatLineItem', () => {
  it('labels our own lines with a mark the app draws, not with text a name could copy', () => {
    const { container } = render(ChatLineItem, {
      line: message('m1', { mine: true, nickname: 'Ann' }),
      onretry: vi.fn(),
    })
    const who = container.querySelector('.who')
    expect(who).toHaveClass('you')
    expect(who?.textContent).toBe('You')
    expect(container.querySelector('bdi')).toBeNull()
  })

  it("shows another member's name as isolated text, never as the mark", () => {
    const { container } = render(ChatLineItem, {
      line: message('m2', { nickname: 'محمد' }),
      onretry: vi.fn(),
    })
    const who = container.querySelector('.who')
    expect(who?.tagName).toBe('BDI')
    expect(who?.textContent).toBe('محمد')
    expect(who).not.toHaveClass('you')
  })
})
