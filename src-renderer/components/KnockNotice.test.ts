import { fireEvent, render, screen, within } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import KnockNotice from './KnockNotice.svelte'

function setup(knocks: { id: string; nickname: string }[]) {
  const handlers = { onadmit: vi.fn(), ondeny: vi.fn(), onadmitall: vi.fn() }
  render(KnockNotice, { knocks, ...handlers })
  return handlers
}

describe('KnockNotice', () => {
  it('is a labelled region, not a dialog, with Admit and Deny per knock', async () => {
    const h = setup([{ id: 'k1', nickname: 'Cy' }])
    const region = screen.getByRole('region', { name: 'People asking to join' })
    expect(within(region).getByText('Cy wants to join')).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await fireEvent.click(screen.getByRole('button', { name: 'Deny Cy' }))
    expect(h.ondeny).toHaveBeenCalledWith('k1')
    await fireEvent.click(screen.getByRole('button', { name: 'Admit Cy' }))
    expect(h.onadmit).toHaveBeenCalledWith('k1')
    expect(screen.queryByRole('button', { name: /^Admit all/ })).not.toBeInTheDocument()
  })

  it('offers Admit all when several wait', async () => {
    const h = setup([
      { id: 'k1', nickname: 'Cy' },
      { id: 'k2', nickname: 'Di' },
    ])
    await fireEvent.click(screen.getByRole('button', { name: 'Admit all (2)' }))
    expect(h.onadmitall).toHaveBeenCalled()
  })

  it('renders a knocker name as text', () => {
    setup([{ id: 'k1', nickname: '<b>x</b>' }])
    expect(screen.getByText('<b>x</b> wants to join')).toBeInTheDocument()
  })
})
