/**
 * SfuPool against two real Janus instances: the less loaded one is picked, by Janus's own count of
 * participants; an instance that is down is passed over, and none is picked when all are down.
 */
import pino from 'pino'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { instanceName, SfuPool } from '../../server/sfu/pool.js'
import { janusMissing, startJanus, stopAllJanus, type TestJanus } from '../support/janus.js'
import { sdpOffer } from '../support/sdp-offer.js'

const missing = janusMissing()
if (missing) console.warn(`Skipping the Janus pool tests: ${missing}`)

const SECRET = 'pool-test-secret-5b8e1d'

describe.skipIf(missing !== null)('the pool of Janus instances', () => {
  const januses: TestJanus[] = []
  const pools: SfuPool[] = []

  const started = async () => {
    const both = [await startJanus({ secret: SECRET }), await startJanus({ secret: SECRET })]
    januses.push(...both)
    const pool = new SfuPool(
      both.map((j) => j.url),
      SECRET,
      pino({ level: 'silent' }),
    )
    pools.push(pool)
    await pool.start()
    return { pool, both }
  }

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()))
    await Promise.all(januses.splice(0).map((j) => j.stop()))
  })
  afterAll(stopAllJanus)

  it('picks the instance with fewer participants, and passes over one that is down', async () => {
    const { pool, both } = await started()
    const [first, second] = pool.instances
    // One publisher on the first instance: the second is the less loaded.
    await first!.createRoom('busy', { publishers: 10, bitrate: 500_000 })
    const handle = await first!.attach()
    await first!.request(
      handle.joinConfigurePublisher({ room: 'busy', feed: 'ann', jsep: sdpOffer() }),
      'publish',
    )
    expect((await pool.pick())?.url).toBe(second!.url)

    const down = new Promise((resolve) => second!.once('down', resolve))
    await both[1]!.kill()
    await down
    expect((await pool.pick())?.url).toBe(first!.url)
    const [upStatus, downStatus] = pool.status()
    expect(upStatus).toEqual({ name: instanceName(both[0]!.url), state: 'up' })
    expect(downStatus?.name).toBe(instanceName(both[1]!.url))
    expect(downStatus?.state).not.toBe('up')

    const firstDown = new Promise((resolve) => first!.once('down', resolve))
    await both[0]!.kill()
    await firstDown
    expect(await pool.pick()).toBeNull()
  })

  it('names an instance by host and port only', () => {
    expect(instanceName('ws://user:pw@janus-1.internal:8188/janus?x=1')).toBe(
      'janus-1.internal:8188',
    )
  })
})
