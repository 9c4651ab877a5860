import { fireEvent, render, screen, within } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { Translatable } from '../i18n/locale.js'
import ParticipantsPanel from './ParticipantsPanel.svelte'
import { participant } from './test-fixtures.js'

const ann = participant({ id: 'a', nickname: 'Ann', self: true })
const bo = participant({ id: 'b', nickname: 'Bo' })

function setup(onrename = vi.fn((_name: string) => Promise.resolve<Translatable | null>(null))) {
  const view = render(ParticipantsPanel, { participants: [ann, bo], onrename, onclose: vi.fn() })
  return { ...view, onrename }
}

describe('ParticipantsPanel', () => {
  it('lists everyone with their media marks', () => {
    render(ParticipantsPanel, {
      participants: [
        ann,
        participant({
          id: 'b',
          nickname: '<i>Bo</i>',
          media: { audio: false, video: false, screen: true },
        }),
      ],
      onrename: vi.fn(),
      onclose: vi.fn(),
    })
    expect(screen.getByRole('heading')).toHaveTextContent('Participants (2)')
    const [annRow, boRow] = screen.getAllByRole('listitem')
    expect(annRow).toHaveTextContent('Ann (you)')
    expect(within(annRow!).queryAllByRole('img')).toHaveLength(0)
    expect(within(boRow!).getByText('<i>Bo</i>')).toBeInTheDocument()
    expect(within(boRow!).getByRole('img', { name: 'Microphone off' })).toBeInTheDocument()
    expect(within(boRow!).getByRole('img', { name: 'Camera off' })).toBeInTheDocument()
    expect(within(boRow!).getByRole('img', { name: 'Sharing the screen' })).toBeInTheDocument()
  })

  it('draws our (you) as a mark of its own beside our name, and none on anyone else', () => {
    setup()
    const [annRow, boRow] = screen.getAllByRole('listitem')
    const name = annRow!.querySelector('bdi')
    expect(name?.textContent).toBe('Ann')
    expect(name?.nextElementSibling).toHaveClass('you')
    expect(name?.nextElementSibling?.textContent).toBe('(you)')
    expect(annRow!.querySelector('.name')?.textContent?.trim()).toBe('Ann (you)')
    expect(boRow!.querySelector('bdi')?.textContent).toBe('Bo')
    expect(boRow!.querySelector('.you')).toBeNull()
  })

  it('offers Rename on our own row only', () => {
    setup()
    const [annRow, boRow] = screen.getAllByRole('listitem')
    expect(within(annRow!).getByRole('button', { name: 'Rename' })).toBeInTheDocument()
    expect(within(boRow!).queryByRole('button')).toBeNull()
  })

  it('renames: the field opens focused on our name, submitting saves, focus comes back', async () => {
    const { onrename } = setup()
    await fireEvent.click(screen.getByRole('button', { name: 'Rename' }))
    const field = screen.getByRole('textbox', { name: 'Your new name' })
    expect(field).toHaveFocus()
    expect(field).toHaveValue('Ann')
    await fireEvent.input(field, { target: { value: 'Annie' } })
    // Enter in the form's one text field submits it (jsdom does not press keys for us).
    await fireEvent.submit(field.closest('form')!)
    expect(onrename).toHaveBeenCalledExactlyOnceWith('Annie')
    await vi.waitFor(() => expect(screen.queryByRole('textbox')).toBeNull())
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveFocus()
  })

  it('gives up on Escape without sending anything', async () => {
    const { onrename } = setup()
    await fireEvent.click(screen.getByRole('button', { name: 'Rename' }))
    const field = screen.getByRole('textbox', { name: 'Your new name' })
    await fireEvent.input(field, { target: { value: 'Zed' } })
    await fireEvent.keyDown(field, { key: 'Escape' })
    expect(onrename).not.toHaveBeenCalled()
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveFocus()
    expect(screen.getAllByRole('listitem')[0]).toHaveTextContent('Ann (you)')
  })

  it('keeps the field open with the reason when the name is refused', async () => {
    const refusal: Translatable = { key: 'participants.renameError.rateLimited' }
    setup(vi.fn(() => Promise.resolve(refusal)))
    await fireEvent.click(screen.getByRole('button', { name: 'Rename' }))
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(
      'You changed your name too often. Wait a moment, then try again.',
    )
    const field = screen.getByRole('textbox', { name: 'Your new name' })
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(field).toHaveAccessibleDescription(/too often/)
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
