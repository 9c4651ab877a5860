import { render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import { CallSafety } from '../stores/call-safety.svelte.js'
import type { MemberFingerprint } from '../lib/safety-code.js'
import ParticipantsPanel from './ParticipantsPanel.svelte'
import SafetyCode from './SafetyCode.svelte'
import { participant } from './test-fixtures.js'

const pairs: MemberFingerprint[] = [
  { member: 'a', fingerprint: { algorithm: 'sha-256', value: 'A1:A1' } },
  { member: 'b', fingerprint: { algorithm: 'sha-256', value: 'B2:B2' } },
]

describe('SafetyCode', () => {
  it('says it is checking, then shows the code, named digit by digit for screen readers', async () => {
    const safety = new CallSafety()
    safety.update({ state: 'checking' })
    const { rerender } = render(SafetyCode, { safety: safety.view })
    expect(screen.getByRole('region', { name: 'Safety code' })).toBeInTheDocument()
    expect(screen.getByText("Checking everyone's connection…")).toBeInTheDocument()
    expect(screen.queryByRole('img')).not.toBeInTheDocument()

    safety.update({ state: 'complete', pairs })
    await vi.waitFor(() => expect(safety.view.state).toBe('ready'))
    await rerender({ safety: safety.view })
    const view = safety.view
    if (view.state !== 'ready') throw new Error('no code')
    const code = screen.getByRole('img', { name: /^Safety code: / })
    expect(code).toHaveTextContent(view.code.join(''))
    const spoken = view.code.map((group) => group.split('').join(' ')).join(', ')
    expect(code).toHaveAccessibleName(`Safety code: ${spoken}`)
    expect(code.getAttribute('aria-label')).toMatch(
      /^Safety code: (\d \d \d \d \d, ){3}\d \d \d \d \d$/,
    )
    expect(screen.getByText(/all 2 people here/)).toBeInTheDocument()
    expect(screen.queryByText("Checking everyone's connection…")).not.toBeInTheDocument()
  })

  it('says what the code proves and what it does not', () => {
    render(SafetyCode, {
      safety: { state: 'ready', code: ['12345', '67890', '00001', '99999'], members: 3 },
    })
    expect(screen.getByText(/nobody — not even the server — is between you/)).toBeInTheDocument()
    expect(screen.getByText(/doesn't prove who the people are/)).toBeInTheDocument()
    expect(screen.getByText(/a new code appears when someone joins or leaves/)).toBeInTheDocument()
  })

  it('waits for a second person, and says so when the browser cannot make a code', async () => {
    const { rerender } = render(SafetyCode, { safety: { state: 'alone' } })
    expect(screen.getByText('A code appears when someone else joins.')).toBeInTheDocument()
    await rerender({ safety: { state: 'unavailable' } })
    expect(screen.getByText("This browser can't show a safety code.")).toBeInTheDocument()
    expect(screen.queryByText(/nobody — not even the server/)).not.toBeInTheDocument()
  })

  it('sits in the participants panel below the people it covers', () => {
    render(ParticipantsPanel, {
      participants: [participant({ id: 'a', nickname: 'Ann', self: true })],
      onrename: vi.fn(),
      onclose: vi.fn(),
      safety: { state: 'alone' },
    })
    const panel = screen.getByRole('complementary', { name: /Participants/ })
    const region = screen.getByRole('region', { name: 'Safety code' })
    expect(panel).toContainElement(region)
    expect(screen.getByRole('list').compareDocumentPosition(region)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    )
  })
})
