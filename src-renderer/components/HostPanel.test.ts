import { fireEvent, render, screen, within } from '@testing-library/svelte'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostOptions, HostStatus } from '../../contract/index.js'
import { HostStore, STOPPED, type HostBridge } from '../stores/host.svelte.js'
import HostPanel from './HostPanel.svelte'

function running(port: number, lan: boolean): HostStatus {
  return {
    state: 'running',
    port,
    lan,
    localUrl: `http://127.0.0.1:${port}`,
    lanUrls: lan ? [`http://192.168.1.5:${port}`, `http://10.0.0.7:${port}`] : [],
    error: null,
    accessKey: null,
  }
}

const KEY = 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'

/** A panel over a real store whose bridge starts at `status`. */
async function setup(status: HostStatus = STOPPED, using = false) {
  const bridge = {
    getHostStatus: vi.fn(() => Promise.resolve(status)),
    startHost: vi.fn((options: HostOptions) =>
      Promise.resolve(running(options.port || 43210, options.lan)),
    ),
    stopHost: vi.fn(() => Promise.resolve(STOPPED)),
    onHostStatus: vi.fn(() => () => {}),
  } satisfies HostBridge
  const host = new HostStore(bridge)
  await host.load()
  const onuse = vi.fn()
  const result = render(HostPanel, { host, onuse, using })
  return { ...result, bridge, host, onuse }
}

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
}

const portField = () => screen.getByLabelText('Port')
const lanBox = () => screen.getByRole('checkbox', { name: 'Let others on my network join' })

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard')
  vi.useRealTimers()
})

describe('HostPanel', () => {
  it('says when the server is not running and offers to start it', async () => {
    await setup()
    expect(screen.getByRole('region', { name: 'Host on this computer' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Not running.')
    expect(screen.getByRole('button', { name: 'Start' })).toBeEnabled()
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Use for this call' })).not.toBeInTheDocument()
  })

  it('lists no addresses to share while running for this computer only', async () => {
    await setup(running(47320, false))
    expect(screen.getByRole('status')).toHaveTextContent(
      'Running. Calls on this computer can use it.',
    )
    expect(screen.queryByRole('list')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Copy/ })).not.toBeInTheDocument()
  })

  it('lists the LAN addresses, each with its copy button, while running on the network', async () => {
    await setup(running(47320, true))
    expect(screen.getByRole('status')).toHaveTextContent(
      'Running. Others on your network can join at:',
    )
    const list = screen.getByRole('list', { name: 'Addresses on your network' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('code')?.textContent),
    ).toEqual(['http://192.168.1.5:47320', 'http://10.0.0.7:47320'])
    expect(screen.getByRole('button', { name: 'Copy http://192.168.1.5:47320' })).toBeVisible()
    expect(screen.getByRole('button', { name: 'Copy http://10.0.0.7:47320' })).toBeVisible()
  })

  it('gives others each address with the server’s access key, and copies it so', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    stubClipboard(writeText)
    await setup({ ...running(47320, true), accessKey: KEY })
    const list = screen.getByRole('list', { name: 'Addresses on your network' })
    expect(within(list).getAllByRole('listitem')[0]?.querySelector('code')?.textContent).toBe(
      `http://192.168.1.5:47320/?key=${KEY}`,
    )
    await fireEvent.click(
      screen.getByRole('button', { name: `Copy http://192.168.1.5:47320/?key=${KEY}` }),
    )
    await vi.waitFor(() =>
      expect(writeText).toHaveBeenCalledExactlyOnceWith(`http://192.168.1.5:47320/?key=${KEY}`),
    )
  })

  it('says so when running on the network without an address to give', async () => {
    await setup({ ...running(47320, true), lanUrls: [] })
    expect(screen.getByRole('status')).toHaveTextContent(/no network address/)
    expect(screen.queryByRole('list')).not.toBeInTheDocument()
  })

  it('copies an address and says so for a moment', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    stubClipboard(writeText)
    await setup(running(47320, true))
    vi.useFakeTimers()
    const button = screen.getByRole('button', { name: 'Copy http://10.0.0.7:47320' })
    await fireEvent.click(button)
    await vi.waitFor(() => expect(screen.getByText('Copied http://10.0.0.7:47320')).toBeVisible())
    expect(writeText).toHaveBeenCalledExactlyOnceWith('http://10.0.0.7:47320')
    await vi.advanceTimersByTimeAsync(2500)
    expect(screen.queryByText('Copied http://10.0.0.7:47320')).not.toBeInTheDocument()
  })

  it('selects the address for copying by hand when the clipboard refuses', async () => {
    stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')))
    await setup(running(47320, true))
    await fireEvent.click(screen.getByRole('button', { name: 'Copy http://192.168.1.5:47320' }))
    await vi.waitFor(() => expect(screen.getByText(/Couldn't copy automatically/)).toBeVisible())
    expect(window.getSelection()?.toString()).toBe('http://192.168.1.5:47320')
  })

  it('refuses a port outside 0 and 1024–65535 without starting', async () => {
    const { bridge } = await setup()
    for (const bad of ['80', '70000', 'abc', '']) {
      await fireEvent.input(portField(), { target: { value: bad } })
      await fireEvent.click(screen.getByRole('button', { name: 'Start' }))
      expect(portField()).toHaveAttribute('aria-invalid', 'true')
      expect(portField()).toHaveAccessibleDescription(
        /Enter 0 or a whole number from 1024 to 65535/,
      )
    }
    expect(bridge.startHost).not.toHaveBeenCalled()
  })

  it('starts on the chosen port for the network when LAN is checked', async () => {
    const { bridge } = await setup()
    await fireEvent.click(lanBox())
    await fireEvent.input(portField(), { target: { value: '47320' } })
    await fireEvent.click(screen.getByRole('button', { name: 'Start' }))
    expect(bridge.startHost).toHaveBeenCalledExactlyOnceWith({ port: 47320, lan: true })
    expect(await screen.findByRole('button', { name: 'Apply' })).toBeInTheDocument()
    expect(portField()).not.toHaveAttribute('aria-invalid')
  })

  it('shows the warning for LAN next to its checkbox', async () => {
    await setup()
    expect(lanBox()).toHaveAccessibleDescription(
      "Anyone on your network who knows a room's name and password can join it. Use a password for private calls.",
    )
  })

  it('applies new options to the running server and shows the port it runs on', async () => {
    const { bridge } = await setup(running(43210, false))
    expect(portField()).toHaveValue('43210')
    expect(lanBox()).not.toBeChecked()
    await fireEvent.click(lanBox())
    await fireEvent.click(screen.getByRole('button', { name: 'Apply' }))
    expect(bridge.startHost).toHaveBeenCalledExactlyOnceWith({ port: 43210, lan: true })
    expect(
      await screen.findByRole('button', { name: 'Copy http://192.168.1.5:43210' }),
    ).toBeInTheDocument()
  })

  it('stops the server', async () => {
    const { bridge } = await setup(running(47320, true))
    await fireEvent.click(screen.getByRole('button', { name: 'Stop' }))
    expect(bridge.stopHost).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Not running.'))
    expect(screen.queryByRole('list')).not.toBeInTheDocument()
    // The form keeps the options that ran, ready for the next start.
    expect(portField()).toHaveValue('47320')
    expect(lanBox()).toBeChecked()
  })

  it('disables its buttons while a call is pending', async () => {
    const { bridge } = await setup(running(47320, false))
    bridge.stopHost.mockReturnValueOnce(new Promise(() => {}))
    await fireEvent.click(screen.getByRole('button', { name: 'Stop' }))
    expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled()
  })

  it("shows why the server failed to start as an alert, in main's words", async () => {
    await setup({ ...STOPPED, state: 'failed', error: 'Port 8080 is in use by another program.' })
    expect(screen.getByRole('alert')).toHaveTextContent('Port 8080 is in use by another program.')
    expect(screen.getByRole('status')).toHaveTextContent('Not running.')
  })

  it('shows a refused start as an alert', async () => {
    const { bridge } = await setup()
    bridge.startHost.mockRejectedValueOnce(new Error('Invalid host options: lan must be boolean'))
    await fireEvent.click(screen.getByRole('button', { name: 'Start' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Invalid host options: lan must be boolean',
    )
  })

  it("offers this computer's address for the join form", async () => {
    const { onuse } = await setup(running(47320, true))
    await fireEvent.click(screen.getByRole('button', { name: 'Use for this call' }))
    expect(onuse).toHaveBeenCalledExactlyOnceWith('http://127.0.0.1:47320')
  })

  it('does not offer it when the join form already uses it', async () => {
    await setup(running(47320, true), true)
    expect(screen.queryByRole('button', { name: 'Use for this call' })).not.toBeInTheDocument()
    expect(screen.getByText('The join form uses this server.')).toBeInTheDocument()
  })
})
