/**
 * For relay suites: a real coturn behind the rendezvous server, every RTCPeerConnection a page
 * makes, and the route ICE chose for each (the selected candidate pair, its two candidates, and the
 * ICE servers the connection holds now).
 */
import { startTurnServer, type TurnServer } from '../../support/turn-server.js'
import { expectVideoFrom, test, type JoinAs, type Member } from './fixtures.js'

/**
 * The call fixtures with a real coturn (use-auth-secret with `secret`, one per worker) whose
 * credentials the rendezvous server hands out, each lasting `ttlSeconds`.
 */
export function withCoturn(secret: string, ttlSeconds: number) {
  return test.extend<object, { turn: TurnServer }>({
    turn: [
      // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern here.
      async ({}, use) => {
        const turn = await startTurnServer(secret)
        await use(turn)
        await turn.stop()
      },
      { scope: 'worker' },
    ],
    serverOptions: async ({ turn }, use) => {
      await use({ turn: { secret, urls: turn.urls, ttlSeconds } })
    },
  })
}

/** Keeps every RTCPeerConnection the page makes on `window.peerConnections`, for getStats. */
export function recordPeerConnections(): void {
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

export interface Route {
  policy: string
  /** The usernames of the ICE servers the connection holds now (getConfiguration). */
  usernames: string[]
  local: { id: string; type: string; url: string; protocol: string; port: number }
  remote: { type: string }
  bytesReceived: number
}

/** The route of each of the page's connected peer connections, in the order they were made. */
export function routes(member: Member): Promise<Route[]> {
  return member.page.evaluate(async () => {
    const all = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections
    const found: Route[] = []
    for (const pc of all.filter((c) => c.connectionState === 'connected')) {
      const stats = await pc.getStats()
      type Report = Record<string, unknown> & { type: string; id: string }
      const reports = [...(stats as unknown as Map<string, Report>).values()]
      const transport = reports.find((r) => r.type === 'transport' && r['selectedCandidatePairId'])
      const pair = stats.get(String(transport?.['selectedCandidatePairId'])) as Report | undefined
      if (!pair) continue
      const local = stats.get(String(pair['localCandidateId'])) as Report | undefined
      const remote = stats.get(String(pair['remoteCandidateId'])) as Report | undefined
      const config = pc.getConfiguration()
      found.push({
        policy: config.iceTransportPolicy ?? '',
        usernames: (config.iceServers ?? []).map((s) => s.username ?? ''),
        local: {
          id: String(local?.['id']),
          type: String(local?.['candidateType']),
          url: String(local?.['url']),
          protocol: String(local?.['relayProtocol']),
          port: Number(local?.['port']),
        },
        remote: { type: String(remote?.['candidateType']) },
        bytesReceived: Number(pair['bytesReceived'] ?? 0),
      })
    }
    return found
  })
}

/** The page's one connected peer connection's route, or null. */
export async function selectedRoute(member: Member): Promise<Route | null> {
  return (await routes(member))[0] ?? null
}

/** Ann, then Bob, in a relay-only call in `room`, once each sees the other's video. */
export async function relayPair(
  member: (as: JoinAs) => Promise<Member>,
  room: string,
): Promise<{ ann: Member; bob: Member; join: Omit<JoinAs, 'nickname'> }> {
  const join = { room, relayOnly: true, initScript: recordPeerConnections }
  const ann = await member({ ...join, nickname: 'Ann' })
  const bob = await member({ ...join, nickname: 'Bob' })
  await expectVideoFrom(ann.page, 'Bob')
  await expectVideoFrom(bob.page, 'Ann')
  return { ann, bob, join }
}
