/**
 * A call that may only use a TURN relay: the rendezvous server hands out credentials for a real
 * coturn (use-auth-secret) on loopback, both members tick "relay only", and camera and microphone
 * still reach the other side, over a candidate pair that is relay at both ends.
 */
import { startTurnServer, turnserverMissing, type TurnServer } from '../support/turn-server.js'
import {
  expect,
  expectAudioFrom,
  expectVideoFrom,
  test as callTest,
  type Member,
} from './call/fixtures.js'

const SECRET = 'e2e-turn-static-auth-secret'

const test = callTest.extend<object, { turn: TurnServer }>({
  turn: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern here.
    async ({}, use) => {
      const turn = await startTurnServer(SECRET)
      await use(turn)
      await turn.stop()
    },
    { scope: 'worker' },
  ],
  serverOptions: async ({ turn }, use) => {
    await use({ turn: { secret: SECRET, urls: turn.urls, ttlSeconds: 600 } })
  },
})

/** Keeps every RTCPeerConnection the page makes on `window.peerConnections`, for getStats. */
function recordPeerConnections(): void {
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

interface Route {
  policy: string
  usernames: string[]
  local: { type: string; url: string; protocol: string }
  remote: { type: string }
  bytesReceived: number
}

/** The page's one connected peer connection: its policy and the candidate pair ICE selected. */
function selectedRoute(member: Member): Promise<Route | null> {
  return member.page.evaluate(async () => {
    const all = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections
    const pc = all.find((c) => c.connectionState === 'connected')
    if (!pc) return null
    const stats = await pc.getStats()
    type Report = Record<string, unknown> & { type: string; id: string }
    const reports = [...(stats as unknown as Map<string, Report>).values()]
    const transport = reports.find((r) => r.type === 'transport' && r['selectedCandidatePairId'])
    const pair = stats.get(String(transport?.['selectedCandidatePairId'])) as Report | undefined
    if (!pair) return null
    const local = stats.get(String(pair['localCandidateId'])) as Report | undefined
    const remote = stats.get(String(pair['remoteCandidateId'])) as Report | undefined
    const config = pc.getConfiguration()
    return {
      policy: config.iceTransportPolicy ?? '',
      usernames: (config.iceServers ?? []).map((s) => s.username ?? ''),
      local: {
        type: String(local?.['candidateType']),
        url: String(local?.['url']),
        protocol: String(local?.['relayProtocol']),
      },
      remote: { type: String(remote?.['candidateType']) },
      bytesReceived: Number(pair['bytesReceived'] ?? 0),
    }
  })
}

const missing = turnserverMissing()
// Reporters list a skipped test without its reason; say it once, when the file is collected.
if (missing !== null) console.log(`[turn] skipped: ${missing}`)

test('a relay-only call connects through coturn with the credentials the server issued', async ({
  member,
  turn,
}) => {
  test.skip(missing !== null, missing ?? '')
  test.setTimeout(120_000)
  const join = { room: 'relay', relayOnly: true, initScript: recordPeerConnections }
  const ann = await member({ ...join, nickname: 'Ann' })
  const bob = await member({ ...join, nickname: 'Bob' })

  await expectVideoFrom(ann.page, 'Bob')
  await expectVideoFrom(bob.page, 'Ann')
  await expectAudioFrom(ann.page, 'Bob')
  await expectAudioFrom(bob.page, 'Ann')

  const usernames: string[] = []
  for (const who of [ann, bob]) {
    let route: Route | null = null
    await expect
      .poll(async () => (route = await selectedRoute(who))?.bytesReceived ?? 0, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0)
    // Relay at both ends: neither side ever saw the other's own address.
    expect(route, who.nickname).toMatchObject({
      policy: 'relay',
      local: { type: 'relay' },
      remote: { type: 'relay' },
    })
    const { local, usernames: own } = route as unknown as Route
    // Relayed by our coturn, over whichever of its URLs (UDP or TCP) ICE preferred this time.
    expect(turn.urls).toContain(local.url)
    expect(local.url).toMatch(new RegExp(`\\?transport=${local.protocol}$`))
    // The credentials came from the join ack: `expiry:memberId`, expiring in the future.
    expect(own).toHaveLength(1)
    const username = own[0] ?? ''
    expect(username).toMatch(/^\d+:[A-Za-z0-9_-]+$/)
    expect(Number(username.split(':')[0])).toBeGreaterThan(Date.now() / 1000)
    usernames.push(username)
  }
  // Two members, two sets of credentials, and coturn accepted each for an allocation.
  expect(new Set(usernames).size).toBe(2)
  for (const username of usernames) {
    expect(turn.log()).toContain(`user <${username}>: incoming packet ALLOCATE processed, success`)
  }
})
