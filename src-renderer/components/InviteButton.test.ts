import { fireEvent, render, screen } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import InviteButton from './InviteButton.svelte'

const LINK = 'https://noom.example.org/?room=demo'

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard')
  vi.useRealTimers()
})

describe('InviteButton', () => {
  it('copies the link in one click, says "Copied" and announces it, then goes back', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    stubClipboard(writeText)
    const { container } = render(InviteButton, { link: LINK })
    vi.useFakeTimers()
    await fireEvent.click(screen.getByRole('button', { name: 'Copy invite link' }))
    await vi.waitFor(() =>
      expect(container.querySelector('[aria-live="polite"]')).toHaveTextContent(
        `Invite link copied: ${LINK}`,
      ),
    )
    expect(writeText).toHaveBeenCalledExactlyOnceWith(LINK)
    expect(container.querySelector('.shown')).toHaveTextContent('Copied')
    await vi.advanceTimersByTimeAsync(2500)
    expect(container.querySelector('.shown')).toHaveTextContent('Copy invite link')
    expect(container.querySelector('[aria-live="polite"]')).toHaveTextContent('')
  })

  it('shows the link to copy by hand when the clipboard refuses', async () => {
    stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')))
    render(InviteButton, { link: LINK })
    await fireEvent.click(screen.getByRole('button', { name: 'Copy invite link' }))
    await vi.waitFor(() => expect(screen.getByText(/Couldn't copy automatically/)).toBeVisible())
    expect(screen.getByText(/Couldn't copy automatically/)).toHaveTextContent(LINK)
  })
})
