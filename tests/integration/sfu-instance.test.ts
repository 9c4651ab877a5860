/**
 * JanusInstance (server/sfu/instance.ts) against a real Janus started by the test: rooms made and
 * removed, a publisher's offer answered with its simulcast layers (and no subscription to it before
 * its media is up), forwarding moderated; the instance says when Janus dies and comes back on its own when it
 * returns; a wrong API secret never comes up.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { JanusInstance } from '../../server/sfu/instance.js'
import { janusMissing, startJanus, stopAllJanus, type TestJanus } from '../support/janus.js'
import { sdpOffer } from '../support/sdp-offer.js'

const missing = janusMissing()
if (missing) console.warn(`Skipping the Janus tests: ${missing}`)

describe.skipIf(missing !== null)('a Janus instance, driven through janode', () => {
  const instances: JanusInstance[] = []
  const januses: TestJanus[] = []

  const started = async () => {
    const janus = await startJanus()
    januses.push(janus)
    const instance = new JanusInstance(janus.url, janus.secret)
    instances.push(instance)
    await instance.start()
    return { janus, instance }
  }

  afterEach(async () => {
    await Promise.all(instances.splice(0).map((i) => i.close()))
    await Promise.all(januses.splice(0).map((j) => j.stop()))
  })
  afterAll(stopAllJanus)

  it('makes a room (twice is the same room), lists it, and removes it', async () => {
    const { instance } = await started()
    expect(instance.up).toBe(true)
    await instance.createRoom('room-a', { publishers: 50, bitrate: 1_000_000 })
    await instance.createRoom('room-a', { publishers: 50, bitrate: 1_000_000 })
    expect(await instance.rooms()).toContainEqual({ room: 'room-a', participants: 0 })
    await instance.destroyRoom('room-a')
    await instance.destroyRoom('room-a')
    expect((await instance.rooms()).map((r) => r.room)).not.toContain('room-a')
  })

  it('answers a publisher with its three layers, offers no subscription before its media is up, and moderates', async () => {
    const { instance } = await started()
    await instance.createRoom('room-b', { publishers: 50, bitrate: 1_000_000 })
    const publisher = await instance.attach()
    const joined = await instance.request(
      publisher.joinConfigurePublisher({
        room: 'room-b',
        feed: 'ann',
        jsep: sdpOffer({ simulcast: true }),
      }),
      'publish',
    )
    expect(joined.feed).toBe('ann')
    expect(joined.jsep?.type).toBe('answer')
    expect(joined.jsep?.sdp).toMatch(/a=rtpmap:\d+ VP8\/90000/)
    expect(joined.jsep?.sdp).toContain('a=simulcast:recv q;h;f')

    // Janus offers a feed to subscribers only once its media is up (no ICE here): the server must
    // wait for a publisher's webrtcup before it subscribes the others to it.
    const subscriber = await instance.attach()
    await expect(
      instance.request(
        subscriber.joinSubscriber({ room: 'room-b', streams: [{ feed: 'ann' }] }),
        'subscribe',
      ),
    ).rejects.toMatchObject({ code: 428 })
    expect((await instance.rooms()).find((r) => r.room === 'room-b')?.participants).toBe(1)

    // The microphone's stream (mid 0), stopped and started again for everyone.
    await instance.moderate('room-b', 'ann', '0', true)
    await instance.moderate('room-b', 'ann', '0', false)
    await expect(instance.moderate('room-b', 'nobody', '0', true)).rejects.toThrow(/nobody|not/i)
  })

  it('says when Janus dies, and comes back up by itself when Janus is back', async () => {
    const { janus, instance } = await started()
    const down = new Promise<string>((resolve) => instance.once('down', resolve))
    await janus.kill()
    expect(await down).toBeTruthy()
    expect(instance.up).toBe(false)
    expect(() => instance.attach()).toThrow(/not up/)
    const up = new Promise<void>((resolve) => instance.once('up', resolve))
    await janus.restart()
    await up
    await instance.createRoom('after', { publishers: 50, bitrate: 1_000_000 })
    expect((await instance.rooms()).map((r) => r.room)).toContain('after')
  })

  it('never comes up with the wrong API secret, and says why', async () => {
    const janus = await startJanus()
    januses.push(janus)
    const instance = new JanusInstance(janus.url, 'not-the-secret')
    instances.push(instance)
    const down = new Promise<string>((resolve) => instance.once('down', resolve))
    await instance.start()
    expect(await down).toMatch(/unauthorized|403/i)
    expect(instance.up).toBe(false)
  })
})
