import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import MemberActions from './MemberActions.svelte'
import { participant } from './test-fixtures.js'

function setup(over = {}) {
  const onaction = vi.fn()
  render(MemberActions, { participant: participant({ nickname: 'Bo', ...over }), onaction })
  return { onaction, toggle: screen.getByRole('button', { name: 'Host actions for Bo' }) }
}

describe('MemberActions', () => {
  it('opens from its button and offers what applies: mute what is on, make host, remove', async () => {
    const { toggle } = setup({ media: { audio: true, video: false, screen: true } })
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await fireEvent.click(toggle)
    expect(toggle).toHaveAttribute('aria-expanded', 'true')
    const labels = screen.getAllByRole('button').map((b) => b.textContent?.trim())
    expect(labels.slice(1)).toEqual([
      'Turn microphone off',
      'Stop screen share',
      'Make host',
      'Remove from the call',
    ])
  })

  it('does not offer Make host for a host', async () => {
    const { toggle } = setup({ role: 'host' })
    await fireEvent.click(toggle)
    expect(screen.queryByRole('button', { name: 'Make host' })).not.toBeInTheDocument()
  })

  it('runs an action, folds and gives the focus back to its button', async () => {
    const { onaction, toggle } = setup()
    await fireEvent.click(toggle)
    await fireEvent.click(screen.getByRole('button', { name: 'Turn camera off' }))
    expect(onaction).toHaveBeenCalledWith({ kind: 'mute', source: 'video' })
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    expect(toggle).toHaveFocus()
  })

  it('asks before removing, and removes only when confirmed', async () => {
    const { onaction, toggle } = setup()
    await fireEvent.click(toggle)
    await fireEvent.click(screen.getByRole('button', { name: 'Remove from the call' }))
    expect(onaction).not.toHaveBeenCalled()
    expect(screen.getByRole('dialog', { name: 'Remove Bo?' })).toBeInTheDocument()
    await fireEvent.click(screen.getByRole('button', { name: 'Remove' }))
    expect(onaction).toHaveBeenCalledWith({ kind: 'remove' })
  })

  it('folds on Escape', async () => {
    const { toggle } = setup()
    await fireEvent.click(toggle)
    await fireEvent.keyDown(screen.getByRole('button', { name: 'Make host' }), { key: 'Escape' })
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
  })
})
