import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import { createWebBridge } from '../app/bridge.js'
import { appContextMap } from '../app/context.js'
import { I18n } from '../stores/i18n.svelte.js'
import { SystemAccess } from '../stores/system-access.svelte.js'
import Lobby from './Lobby.svelte'

/** The lobby watching `server`'s rooms. */
function props(server: string) {
  return {
    rooms: [],
    status: { kind: 'connected' } as const,
    watching: server,
    initial: {
      serverUrl: server,
      nickname: '',
      relayOnly: false,
      draft: { room: '', password: '', visibility: 'private' as const, admission: 'open' as const },
    },
    onserver: vi.fn(),
    onsubmit: vi.fn(),
  }
}

describe('Lobby: how the server is reached', () => {
  it('marks a plain http server on the network as unencrypted, in English', () => {
    render(Lobby, props('http://192.168.1.5:47320'))
    expect(
      screen.getByText('Unencrypted (http): others on this network could see or change it.'),
    ).toBeVisible()
  })

  it('says so in Korean', () => {
    const i18n = new I18n('ko')
    const access = new SystemAccess(createWebBridge())
    render(Lobby, {
      props: props('http://192.168.1.5:47320'),
      context: appContextMap({ i18n, access }),
    })
    expect(
      screen.getByText('암호화 안 됨(http): 같은 네트워크에서 보거나 바꿀 수 있습니다.'),
    ).toBeVisible()
  })

  it.each(['https://noom.example.org', 'http://127.0.0.1:47320'])(
    'does not mark %s (encrypted, or never leaving this computer)',
    (server) => {
      render(Lobby, props(server))
      expect(screen.queryByText(/Unencrypted/)).not.toBeInTheDocument()
    },
  )
})

describe('Lobby in the desktop app: plain http only where it stays local', () => {
  const INSECURE =
    "Noom uses plain http:// only on this computer or your local network. Use the server's https:// address."

  /** Types `address` as the server, a name and a room, and presses Continue. */
  async function tryServer(address: string, localHttpOnly: boolean) {
    const p = { ...props('https://noom.example.org'), localHttpOnly }
    render(Lobby, p)
    const field = screen.getByLabelText('Server address')
    await fireEvent.input(field, { target: { value: address } })
    await fireEvent.change(field)
    await fireEvent.input(screen.getByLabelText('Your name'), { target: { value: 'Ann' } })
    await fireEvent.input(screen.getByLabelText('Room name'), { target: { value: 'demo' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }))
    return { p, field }
  }

  it('says why an http server on the internet is refused, and neither watches nor continues', async () => {
    const { p, field } = await tryServer('http://noom.example.org', true)
    expect(field).toHaveAccessibleDescription(new RegExp(INSECURE.replace(/[.?*+()]/g, '\\$&')))
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(p.onserver).not.toHaveBeenCalled()
    expect(p.onsubmit).not.toHaveBeenCalled()
  })

  it('takes an http server on the local network', async () => {
    const { p } = await tryServer('http://192.168.1.5:47320', true)
    expect(p.onserver).toHaveBeenCalledWith('http://192.168.1.5:47320')
    expect(p.onsubmit).toHaveBeenCalledOnce()
  })

  it('leaves the rule to the desktop app: a browser lobby takes any http server', async () => {
    const { p } = await tryServer('http://noom.example.org', false)
    expect(screen.queryByText(INSECURE)).not.toBeInTheDocument()
    expect(p.onsubmit).toHaveBeenCalledOnce()
  })
})
