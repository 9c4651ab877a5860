import { render, screen } from '@testing-library/svelte'
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
