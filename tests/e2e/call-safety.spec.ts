/**
 * The safety code through the real UI in real Chromium: three members of one mesh room each open
 * the participants panel and read the same code; after one leaves, the two left read a new code,
 * again the same on both. Underneath, every peer connection of a page presents that page's one
 * certificate, which is the one the other pages' connections see from getStats.
 */
import type { Page } from '@playwright/test'
import { expect, expectParticipants, test, type Member } from './call/fixtures.js'

/**
 * Runs in each page first: camera captures at 160×120 and 10 fps (three pages on two cores), and
 * every RTCPeerConnection kept on `window.peerConnections` for getStats.
 */
function smallCaptureAndRecord(): void {
  const devices = navigator.mediaDevices
  const getUserMedia = devices.getUserMedia.bind(devices)
  devices.getUserMedia = (constraints) => {
    const video = constraints?.video
    if (!video) return getUserMedia(constraints)
    const small = { width: { ideal: 160 }, height: { ideal: 120 }, frameRate: { max: 10 } }
    return getUserMedia({ ...constraints, video: { ...(video === true ? {} : video), ...small } })
  }
  const seen: RTCPeerConnection[] = []
  ;(window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = seen
  const Native = window.RTCPeerConnection
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration)
      seen.push(this)
    }
  }
}

const SPOKEN = /^Safety code: (\d \d \d \d \d, ){3}\d \d \d \d \d$/

/** The code `member` shows once it covers `count` people: its spoken name, checked against the digits. */
async function codeOf(member: Member, count: number): Promise<string> {
  const panel = member.page.getByRole('region', { name: 'Safety code' })
  await expect(panel.getByText(`all ${count} people here`)).toBeVisible({ timeout: 20_000 })
  const code = panel.getByRole('img', { name: SPOKEN })
  const spoken = (await code.getAttribute('aria-label')) ?? ''
  const digits = spoken.replace('Safety code: ', '').replace(/[ ,]/g, '')
  expect((await code.textContent())?.replace(/\s/g, '')).toBe(digits)
  return spoken
}

/** Each connected peer connection's own and far-end certificate fingerprints, from getStats. */
function certificates(page: Page): Promise<Array<{ local: string; remote: string }>> {
  return page.evaluate(async () => {
    const all = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections
    const found: Array<{ local: string; remote: string }> = []
    for (const pc of all.filter((c) => c.connectionState === 'connected')) {
      const stats = (await pc.getStats()) as unknown as Map<string, Record<string, string>>
      const transport = [...stats.values()].find((s) => s['type'] === 'transport')
      const fingerprint = (id = '') => stats.get(id)?.['fingerprint'] ?? ''
      found.push({
        local: fingerprint(transport?.['localCertificateId']),
        remote: fingerprint(transport?.['remoteCertificateId']),
      })
    }
    return found
  })
}

test('three members read the same safety code, and the two left after a leave read a new one', async ({
  member,
}) => {
  test.slow() // three Chromium contexts with video on two cores
  const join = { room: 'safety', initScript: smallCaptureAndRecord }
  const ann = await member({ ...join, nickname: 'Ann' })
  const bob = await member({ ...join, nickname: 'Bob' })
  const cat = await member({ ...join, nickname: 'Cat' })
  const everyone = [ann, bob, cat]
  for (const m of everyone) {
    await expectParticipants(m.page, ['Ann', 'Bob', 'Cat'])
    await m.page.getByRole('button', { name: 'Participants', exact: true }).click()
  }

  const codes = await Promise.all(everyone.map((m) => codeOf(m, 3)))
  expect(codes[1]).toBe(codes[0])
  expect(codes[2]).toBe(codes[0])

  // One certificate per page for all its connections, and it is what the other pages see.
  const seen = await Promise.all(everyone.map((m) => certificates(m.page)))
  for (const [i, connections] of seen.entries()) {
    expect(connections).toHaveLength(2)
    const own = new Set(connections.map((c) => c.local))
    expect(own.size).toBe(1)
    const others = seen.filter((_, j) => j !== i).flat()
    expect(others.filter((c) => own.has(c.remote))).toHaveLength(2)
  }

  await bob.page.getByRole('button', { name: 'Leave' }).click()
  await expect(bob.page.getByRole('button', { name: 'Continue' })).toBeVisible()
  const after = await Promise.all([ann, cat].map((m) => codeOf(m, 2)))
  expect(after[1]).toBe(after[0])
  expect(after[0]).not.toBe(codes[0])
})
