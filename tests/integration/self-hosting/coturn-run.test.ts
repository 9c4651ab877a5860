// A real coturn started with deploy/coturn/turnserver.conf: it must read every line, admit
// credentials minted with the shared secret, refuse a relay to the addresses a Noom relay must not
// reach and still allow one to a public address. No packet goes anywhere but loopback:
// CreatePermission only records a permission (or refuses it); it sends nothing to the peer.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { turnCredentials } from '../../../server/turn/credentials.js'
import {
  deniedRanges,
  MUST_BE_ALLOWED,
  MUST_BE_DENIED,
  turnConf,
} from '../../support/coturn-conf.js'
import { read, repo, TURN_CONF } from '../../support/deploy-files.js'
import { allocate, TurnSession } from '../../support/turn-client.js'
import { startTurnServer, turnserverMissing, type TurnServer } from '../../support/turn-server.js'

const missingTurn = turnserverMissing()
if (missingTurn) console.warn(`Skipping the coturn run of ${TURN_CONF}: ${missingTurn}`)

const isIpv4 = (address: string) => /^\d+(\.\d+){3}$/.test(address)

describe.skipIf(missingTurn !== null)(`a real coturn started with ${TURN_CONF}`, () => {
  const SECRET = 'self-hosting-test-secret-4d1c'
  let turn: TurnServer | null = null
  const at = () => ({ host: '127.0.0.1', port: turn?.port ?? 0 })
  const log = () => turn?.log() ?? ''

  beforeAll(async () => {
    // The file as shipped, plus what only a test needs: loopback, free ports, no TLS, the secret.
    turn = await startTurnServer(SECRET, { configFile: resolve(repo, TURN_CONF) })
  })
  afterAll(() => turn?.stop())

  it('reads every line, listing each denied range', () => {
    expect(log()).not.toMatch(/Bad configuration format|Wrong address format|unrecognized option/)
    const listed = new Set([...log().matchAll(/Black listing: (\S+)/g)].map((m) => m[1]))
    const ranges = deniedRanges(turnConf(read(TURN_CONF))).map(({ value }) => value)
    expect(ranges.filter((range) => !listed.has(range))).toEqual([])
  })

  it('allocates for credentials made with the shared secret, and refuses others with 401', async () => {
    const good = turnCredentials({
      secret: SECRET,
      memberId: 'm1',
      ttlSeconds: 600,
      now: Date.now(),
    })
    const forged = turnCredentials({
      secret: 'another-secret-entirely',
      memberId: 'm1',
      ttlSeconds: 600,
      now: Date.now(),
    })
    const asPassword = ({ username, credential }: typeof good) => ({
      username,
      password: credential,
    })
    expect(await allocate(at(), asPassword(good))).toMatchObject({ ok: true })
    expect(await allocate(at(), asPassword(forged))).toMatchObject({ ok: false, code: 401 })
  })

  it('refuses with 403 a relay to private, loopback, link-local, CGNAT, metadata and multicast IPv4, and allows public ones', async () => {
    const { username, credential } = turnCredentials({
      secret: SECRET,
      memberId: 'm2',
      ttlSeconds: 600,
      now: Date.now(),
    })
    const session = new TurnSession(at(), { username, password: credential })
    try {
      expect(await session.allocate(), log().slice(-2_000)).toMatchObject({ ok: true })
      const v4 = MUST_BE_DENIED.filter(isIpv4)
      const answers: Record<string, number> = {}
      for (const address of v4) answers[address] = await session.permit(address)
      expect(answers).toEqual(Object.fromEntries(v4.map((address) => [address, 403])))
      // A relay that refuses everything would pass the line above and carry no call.
      const publicV4 = MUST_BE_ALLOWED.filter(isIpv4)
      for (const address of publicV4) expect(await session.permit(address), address).toBe(0)
    } finally {
      session.close()
    }
  })
})
