import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { RoomView } from '../engine/types.js'
import RoomSettingsDialog from './RoomSettingsDialog.svelte'

const room: RoomView = {
  name: 'demo',
  locked: false,
  visibility: 'private',
  admission: 'open',
  capacity: 8,
}

function setup(over: Partial<RoomView> = {}) {
  const onsave = vi.fn(() => Promise.resolve(true))
  const onclose = vi.fn()
  render(RoomSettingsDialog, { room: { ...room, ...over }, onsave, onclose })
  return { onsave, onclose }
}

describe('RoomSettingsDialog', () => {
  it('shows the room as it is, in one dialog', () => {
    setup()
    expect(screen.getByRole('dialog', { name: 'Room settings' })).toBeInTheDocument()
    expect(screen.getByLabelText('Anyone who knows the room')).toBeChecked()
    expect(screen.getByLabelText(/^List the room/)).not.toBeChecked()
    expect(screen.getByLabelText('Require a password')).not.toBeChecked()
  })

  it('sends only what changed', async () => {
    const { onsave } = setup()
    await fireEvent.click(screen.getByLabelText('Nobody new: the room is locked'))
    await fireEvent.click(screen.getByLabelText(/^List the room/))
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onsave).toHaveBeenCalledWith({ admission: 'closed', visibility: 'public' })
  })

  it('asks for a password to lock an open room with one, and sends it', async () => {
    const { onsave } = setup()
    await fireEvent.click(screen.getByLabelText('Require a password'))
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onsave).not.toHaveBeenCalled()
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
      'At least 8 characters. Enter the password people will need.',
    )
    await fireEvent.input(screen.getByLabelText('New password'), {
      target: { value: 'open-sesame' },
    })
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onsave).toHaveBeenCalledWith({ password: 'open-sesame' })
  })

  it('says the length rule and refuses a shorter password, sending nothing', async () => {
    const { onsave } = setup({ locked: true })
    const field = screen.getByLabelText('New password')
    expect(field).toHaveAccessibleDescription(
      'At least 8 characters. Leave empty to keep the current password.',
    )
    await fireEvent.input(field, { target: { value: 'short' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onsave).not.toHaveBeenCalled()
    expect(field).toHaveAccessibleDescription(
      'At least 8 characters. Leave empty to keep the current password. ' +
        'A password that locks a room needs at least 8 characters.',
    )
    expect(field).toHaveFocus()
  })

  it('clears the password of a locked room when unticked', async () => {
    const { onsave } = setup({ locked: true })
    await fireEvent.click(screen.getByLabelText('Require a password'))
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onsave).toHaveBeenCalledWith({ password: null })
  })
})
