import { fireEvent, render, screen, within } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { RoomSummary } from '../../protocol/index.js'
import RoomList from './RoomList.svelte'

const room = (name: string, over: Partial<RoomSummary> = {}): RoomSummary => ({
  name,
  participants: 1,
  capacity: 8,
  locked: false,
  admission: 'open',
  ...over,
})

describe('RoomList', () => {
  it('says so when there are no public rooms', () => {
    render(RoomList, { rooms: [] })
    expect(screen.getByText('No public rooms right now.')).toBeInTheDocument()
    expect(screen.queryByRole('list')).not.toBeInTheDocument()
  })

  it('shows each room with its name and members out of capacity, in order', () => {
    render(RoomList, { rooms: [room('demo', { participants: 3 }), room('standup')] })
    const items = screen.getAllByRole('listitem')
    expect(items.map((item) => item.querySelector('.name')?.textContent)).toEqual([
      'demo',
      'standup',
    ])
    expect(items.map((item) => item.querySelector('.count')?.textContent)).toEqual(['3/8', '1/8'])
    expect(screen.getByRole('button', { name: /^demo 3 of 8 people/ })).toBeInTheDocument()
  })

  it('marks a locked room with a labelled lock and leaves an open room unmarked', () => {
    render(RoomList, { rooms: [room('secret', { locked: true }), room('open')] })
    const [secret, open] = screen.getAllByRole('listitem')
    expect(within(secret!).getByRole('img', { name: 'Locked with a password' })).toBeInTheDocument()
    expect(within(open!).queryByRole('img')).not.toBeInTheDocument()
  })

  it('hands the chosen room over on click', async () => {
    const onpick = vi.fn()
    const secret = room('secret', { locked: true })
    render(RoomList, { rooms: [secret], onpick })
    await fireEvent.click(screen.getByRole('button', { name: /secret/ }))
    expect(onpick).toHaveBeenCalledWith(secret)
  })

  it('renders a room name as text, never as HTML', () => {
    const name = '<img src=x onerror=alert(1)>'
    const { container } = render(RoomList, { rooms: [room(name)] })
    expect(screen.getByText(name)).toBeInTheDocument()
    expect(container.querySelector('img')).toBeNull()
  })
})
