import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import Lobby from './Lobby.svelte'

const SERVER = 'http://127.0.0.1:4000'

function props(over: Record<string, unknown> = {}) {
  return {
    rooms: [
      { name: 'open', participants: 2, capacity: 8, locked: false },
      { name: 'secret', participants: 1, capacity: 8, locked: true },
    ],
    status: { kind: 'connected' } as const,
    watching: SERVER,
    initial: {
      serverUrl: SERVER,
      nickname: '',
      relayOnly: false,
      draft: { room: '', password: '', visibility: 'public' as const },
    },
    onserver: vi.fn(),
    onsubmit: vi.fn(),
    ...over,
  }
}

describe('Lobby', () => {
  it('shows the connection to the chosen server', () => {
    render(Lobby, props())
    expect(screen.getByRole('status')).toHaveTextContent(`Connected to ${SERVER}`)
  })

  it('explains each invalid field and does not continue', async () => {
    const p = props()
    render(Lobby, p)
    await fireEvent.input(screen.getByLabelText('Server address'), {
      target: { value: 'noom.example' },
    })
    await fireEvent.input(screen.getByLabelText('Room name'), { target: { value: '-x' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).not.toHaveBeenCalled()
    expect(screen.getByLabelText('Server address')).toHaveAccessibleDescription(
      /Enter an address that starts with http:\/\/ or https:\/\//,
    )
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription(
      'This must not be empty.',
    )
    expect(screen.getByLabelText('Room name')).toHaveAccessibleDescription(/Use letters, digits/)
    expect(screen.getByLabelText('Your name')).toHaveAttribute('aria-invalid', 'true')
  })

  it('fills the room from the list and asks for the password of a locked one', async () => {
    render(Lobby, props())
    await fireEvent.click(screen.getByRole('button', { name: /secret/ }))
    expect(screen.getByLabelText('Room name')).toHaveValue('secret')
    const password = screen.getByLabelText('Password (optional)')
    expect(password).toHaveAccessibleDescription('This room is locked: enter its password.')
    expect(password).toHaveFocus()
  })

  it('continues with the trimmed entries', async () => {
    const p = props()
    render(Lobby, p)
    await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: '  Ann ' } })
    await fireEvent.input(screen.getByLabelText('Room name'), { target: { value: 'demo ' } })
    await fireEvent.click(screen.getByLabelText('Private: only people who know its name'))
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).toHaveBeenCalledWith({
      serverUrl: SERVER,
      nickname: 'Ann',
      room: 'demo',
      password: '',
      visibility: 'private',
      relayOnly: false,
    })
  })

  it('watches a new server once its address is valid', async () => {
    const p = props()
    render(Lobby, p)
    const field = screen.getByLabelText('Server address')
    await fireEvent.input(field, { target: { value: 'https://noom.example.org/' } })
    await fireEvent.change(field)
    expect(p.onserver).toHaveBeenCalledWith('https://noom.example.org')
  })

  it('says why the last join failed, with the server detail, and waits in the password field', () => {
    render(
      Lobby,
      props({
        failure: { code: 'wrong_password', detail: 'nope' },
        initial: {
          serverUrl: SERVER,
          nickname: 'Ann',
          relayOnly: false,
          draft: { room: 'secret', password: '', visibility: 'public' },
        },
      }),
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Wrong password for this room.')
    expect(screen.getByRole('alert')).toHaveTextContent('The server said: nope')
    expect(screen.getByLabelText('Password (optional)')).toHaveFocus()
  })

  it('tells a full room apart', () => {
    render(Lobby, props({ failure: { code: 'room_full' } }))
    expect(screen.getByRole('alert')).toHaveTextContent('This room is full.')
  })

  it('says when the server cannot be reached', () => {
    render(Lobby, props({ status: { kind: 'unreachable' } }))
    expect(screen.getByRole('status')).toHaveTextContent(`Can't reach the Noom server at ${SERVER}`)
  })
})
