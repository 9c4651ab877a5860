import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import SaveProblem from './SaveProblem.svelte'

describe('SaveProblem', () => {
  it("says why in main's words, that the settings hold for this run, and can be dismissed", async () => {
    const ondismiss = vi.fn()
    render(SaveProblem, {
      detail: 'Noom could not save your settings: the disk is full.',
      ondismiss,
    })
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('the disk is full')
    expect(alert).toHaveTextContent('until you close Noom')
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(ondismiss).toHaveBeenCalledOnce()
  })

  it('gives a plain sentence when there is no reason', () => {
    render(SaveProblem, { detail: '', ondismiss: () => {} })
    expect(screen.getByRole('alert')).toHaveTextContent("Noom couldn't save your settings.")
  })
})
