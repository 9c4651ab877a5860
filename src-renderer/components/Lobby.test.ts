import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import Lobby from './Lobby.svelte'

const SERVER = 'http://127.0.0.1:4000'

function props(over: Record<string, unknown> = {}) {
  return {
    rooms: [
      { name: 'open', participants: 2, capacity: 8, locked: false, admission: 'open' as const },
      { name: 'secret', participants: 1, capacity: 8, locked: true, admission: 'open' as const },
    ],
    status: { kind: 'connected' } as const,
    watching: SERVER,
    initial: {
      serverUrl: SERVER,
      nickname: '',
      relayOnly: false,
      draft: { room: '', password: '', visibility: 'private' as const, admission: 'open' as const },
    },
    onserver: vi.fn(),
    onsubmit: vi.fn(),
    ...over,
  }
}

/** The lobby with a name and a room typed in. */
async function typed(nickname: string, room: string) {
  const p = props()
  render(Lobby, p)
  await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: nickname } })
  await fireEvent.input(screen.getByLabelText('Room name'), { target: { value: room } })
  return p
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

  it('says the rule for a new room’s password and refuses a shorter one', async () => {
    const p = await typed('Ann', 'fresh')
    await fireEvent.click(screen.getByRole('button', { name: 'More options' }))
    const password = screen.getByLabelText('Password (optional)')
    expect(password).toHaveAccessibleDescription('To lock a new room: at least 8 characters.')
    await fireEvent.input(password, { target: { value: 'short' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).not.toHaveBeenCalled()
    expect(password).toHaveAccessibleDescription(
      'To lock a new room: at least 8 characters. A password that locks a room needs at least 8 characters.',
    )
    expect(password).toHaveFocus()
    await fireEvent.input(password, { target: { value: 'long enough' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).toHaveBeenCalledWith(expect.objectContaining({ password: 'long enough' }))
  })

  it('takes a password of any length for a locked room picked from the list', async () => {
    const p = props()
    render(Lobby, p)
    await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: 'Ann' } })
    await fireEvent.click(screen.getByRole('button', { name: /secret/ }))
    await fireEvent.input(screen.getByLabelText('Password (optional)'), { target: { value: 'pw' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).toHaveBeenCalledWith(
      expect.objectContaining({ room: 'secret', password: 'pw' }),
    )
  })

  it('takes any password for a room listed as locked or just refused for its password', async () => {
    const listed = await typed('Ann', 'secret')
    await fireEvent.click(screen.getByRole('button', { name: 'More options' }))
    await fireEvent.input(screen.getByLabelText('Password (optional)'), { target: { value: 'pw' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(listed.onsubmit).toHaveBeenCalledWith(expect.objectContaining({ password: 'pw' }))
  })

  it('takes any password for an unlisted room the server just refused for its password', async () => {
    const draft = {
      room: 'hidden',
      password: '',
      visibility: 'private' as const,
      admission: 'open' as const,
    }
    const p = props({
      failure: { code: 'wrong_password' },
      initial: { serverUrl: SERVER, nickname: 'Ann', relayOnly: false, draft },
    })
    render(Lobby, p)
    await fireEvent.input(screen.getByLabelText('Password (optional)'), { target: { value: 'pw' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).toHaveBeenCalledWith(
      expect.objectContaining({ room: 'hidden', password: 'pw' }),
    )
  })

  it('continues with the trimmed entries', async () => {
    const p = await typed('  Ann ', 'demo ')
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).toHaveBeenCalledWith({
      serverUrl: SERVER,
      nickname: 'Ann',
      room: 'demo',
      password: '',
      visibility: 'private',
      admission: 'open',
      relayOnly: false,
    })
  })

  it('asks first for name and room, folding the rest into More options', async () => {
    render(Lobby, props())
    const more = screen.getByRole('button', { name: 'More options' })
    expect(more).toHaveAttribute('aria-expanded', 'false')
    expect(screen.getByLabelText('Your name')).toBeVisible()
    expect(screen.getByLabelText('Room name')).toBeVisible()
    for (const label of [
      'Server address',
      'Password (optional)',
      /^List the room/,
      /^Ask to join/,
    ]) {
      expect(screen.getByLabelText(label)).not.toBeVisible()
    }
    await fireEvent.click(more)
    expect(more).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getByLabelText('Server address')).toBeVisible()
  })

  it('lists a new room and asks to join only when the user ticks those boxes', async () => {
    const p = props()
    render(Lobby, p)
    await fireEvent.click(screen.getByRole('button', { name: 'More options' }))
    const listed = screen.getByLabelText(/^List the room/)
    const knock = screen.getByLabelText(/^Ask to join/)
    expect(listed).not.toBeChecked()
    expect(knock).not.toBeChecked()
    await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: 'Ann' } })
    await fireEvent.input(screen.getByLabelText('Room name'), { target: { value: 'demo' } })
    await fireEvent.click(listed)
    await fireEvent.click(knock)
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).toHaveBeenCalledWith(
      expect.objectContaining({ visibility: 'public', admission: 'knock' }),
    )
  })

  it('joins an open listed room with one click once the name is there', async () => {
    const p = props({
      initial: {
        serverUrl: SERVER,
        nickname: 'Ann',
        relayOnly: false,
        draft: { room: '', password: '', visibility: 'private', admission: 'open' },
      },
    })
    render(Lobby, p)
    await fireEvent.click(screen.getByRole('button', { name: /^open/ }))
    expect(p.onsubmit).toHaveBeenCalledWith(
      expect.objectContaining({ room: 'open', nickname: 'Ann' }),
    )
  })

  it('asks for the name when a listed room is picked without one', async () => {
    const p = props()
    render(Lobby, p)
    await fireEvent.click(screen.getByRole('button', { name: /^open/ }))
    expect(p.onsubmit).not.toHaveBeenCalled()
    expect(screen.getByLabelText('Room name')).toHaveValue('open')
    expect(screen.getByLabelText('Your name')).toHaveFocus()
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription(
      'This must not be empty.',
    )
  })

  it('opens More options by itself for an invalid server address', async () => {
    const p = props()
    render(Lobby, p)
    await fireEvent.input(screen.getByLabelText('Server address'), { target: { value: 'nope' } })
    await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: 'Ann' } })
    await fireEvent.input(screen.getByLabelText('Room name'), { target: { value: 'demo' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(p.onsubmit).not.toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'More options' })).toHaveAttribute(
      'aria-expanded',
      'true',
    )
    expect(screen.getByLabelText('Server address')).toHaveFocus()
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
          draft: { room: 'secret', password: '', visibility: 'private', admission: 'open' },
        },
      }),
    )
    expect(screen.getByRole('alert')).toHaveTextContent('Wrong password for this room.')
    expect(screen.getByRole('alert')).toHaveTextContent('The server said: nope')
    expect(screen.getByLabelText('Password (optional)')).toHaveFocus()
  })

  it('says how long to wait when the server said so', () => {
    render(Lobby, props({ failure: { code: 'rate_limited', retryAfterMs: 4200 } }))
    expect(screen.getByRole('alert')).toHaveTextContent('You can try again in 5 s.')
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
