import { render, screen, within } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import ParticipantsPanel from './ParticipantsPanel.svelte'
import { participant } from './test-fixtures.js'

describe('ParticipantsPanel', () => {
  it('lists everyone with their media marks', () => {
    render(ParticipantsPanel, {
      participants: [
        participant({ id: 'a', nickname: 'Ann', self: true }),
        participant({
          id: 'b',
          nickname: '<i>Bo</i>',
          media: { audio: false, video: false, screen: true },
        }),
      ],
      onclose: vi.fn(),
    })
    expect(screen.getByRole('heading')).toHaveTextContent('Participants (2)')
    const [ann, bo] = screen.getAllByRole('listitem')
    expect(ann).toHaveTextContent('Ann (you)')
    expect(within(ann!).queryAllByRole('img')).toHaveLength(0)
    expect(within(bo!).getByText('<i>Bo</i>')).toBeInTheDocument()
    expect(within(bo!).getByRole('img', { name: 'Microphone off' })).toBeInTheDocument()
    expect(within(bo!).getByRole('img', { name: 'Camera off' })).toBeInTheDocument()
    expect(within(bo!).getByRole('img', { name: 'Sharing the screen' })).toBeInTheDocument()
  })
})
