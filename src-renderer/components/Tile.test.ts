import { render, screen } from '@testing-library/svelte'
import { describe, expect, it } from 'vitest'
import Tile from './Tile.svelte'
import { fakeStream, participant } from './test-fixtures.js'

describe('Tile', () => {
  it('renders a hostile nickname as text, never as HTML', () => {
    const nickname = '<img src=x onerror=alert(1)>'
    const { container } = render(Tile, { participant: participant({ nickname }) })
    expect(screen.getByText(nickname)).toBeInTheDocument()
    expect(container.querySelector('img')).toBeNull()
  })

  it('marks a muted microphone and a camera that is off, and shows initials instead of video', () => {
    const { container } = render(Tile, {
      participant: participant({
        nickname: 'ann lee',
        camera: fakeStream,
        media: { audio: false, video: false, screen: false },
      }),
    })
    expect(screen.getByRole('img', { name: 'Microphone off' })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: 'Camera off' })).toBeInTheDocument()
    expect(container.querySelector('video')).toBeNull()
    expect(container.querySelector('.avatar')).toHaveTextContent('AL')
  })

  it('shows no marks when microphone and camera are on', () => {
    const { container } = render(Tile, { participant: participant({ camera: fakeStream }) })
    expect(screen.queryByRole('img', { name: 'Microphone off' })).toBeNull()
    expect(screen.queryByRole('img', { name: 'Camera off' })).toBeNull()
    expect(container.querySelector('video')).not.toBeNull()
  })

  it('mirrors and silences its own video, and plays no sound for self', () => {
    const { container } = render(Tile, {
      participant: participant({ self: true, camera: fakeStream }),
    })
    const video = container.querySelector('video')
    expect(video).toHaveClass('mirrored')
    expect(video?.muted).toBe(true)
    expect(container.querySelector('audio')).toBeNull()
    // A plain space between: the e2e suites and the bench find our tile by "Ann (you)".
    expect(container.querySelector('.name')?.textContent).toBe('Ann (you)')
  })

  it('draws (you) and Host as marks of their own, beside a name isolated in its own element', () => {
    const { container } = render(Tile, {
      participant: participant({ self: true, role: 'host', nickname: 'דנה' }),
    })
    const name = container.querySelector('bdi.nickname')
    expect(name?.textContent).toBe('דנה')
    expect(name?.nextElementSibling).toHaveClass('you')
    expect(name?.nextElementSibling?.textContent).toBe('(you)')
    expect(container.querySelector('.role')?.textContent).toBe('Host')
  })

  it("gives another member's tile no (you) mark, whatever the name", () => {
    const { container } = render(Tile, { participant: participant({ nickname: 'Bo' }) })
    expect(container.querySelector('bdi.nickname')?.textContent).toBe('Bo')
    expect(container.querySelector('.you')).toBeNull()
    expect(screen.queryByText(/\(you\)/)).toBeNull()
  })

  it("plays a remote participant's sound through its own audio element, even with the camera off", () => {
    const { container } = render(Tile, {
      participant: participant({
        camera: fakeStream,
        media: { audio: true, video: false, screen: false },
      }),
    })
    expect(container.querySelector('audio')).not.toBeNull()
    expect(container.querySelector('video')).toBeNull()
  })

  it('highlights a speaker and shows a reconnecting peer', () => {
    const { container } = render(Tile, {
      participant: participant({ speaking: true, connection: 'reconnecting' }),
    })
    expect(container.querySelector('figure')).toHaveClass('speaking')
    expect(screen.getByText('Reconnecting…')).toBeInTheDocument()
  })

  it('labels the connection quality with its figures', () => {
    render(Tile, {
      participant: participant({
        quality: { level: 'poor', rttMs: 420, lossPct: 8, bitrateKbps: 150 },
      }),
    })
    expect(
      screen.getByRole('img', {
        name: 'Poor connection: round trip 420 ms, 8.0% lost, 150 kbit/s',
      }),
    ).toBeInTheDocument()
  })

  it('names a screen share after its owner and does not mirror it', () => {
    const { container } = render(Tile, {
      participant: participant({ self: true, screen: fakeStream }),
      variant: 'screen',
    })
    expect(screen.getByText("Ann's screen")).toBeInTheDocument()
    expect(container.querySelector('video')).not.toHaveClass('mirrored')
  })
})
