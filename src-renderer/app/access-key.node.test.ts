/**
 * The page's connections carry a built-in server's access key, tested against a real server that
 * requires one: the call's signalling (as call-parts.ts builds it) and the lobby's room list (as
 * the App builds it), each refused without the key.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SignalingClient, SignalingError } from '../engine/signaling.js'
import { closeAll, Rendezvous } from '../engine/test-kit.node.js'
import { createRoomsStore, type RoomsStore } from '../stores/rooms.svelte.js'
import { SettingsStore } from '../stores/settings.svelte.js'
import { signalingFor } from './call-parts.js'

const KEY = 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'
const opened: (SignalingClient | RoomsStore)[] = []

afterEach(async () => {
  for (const thing of opened.splice(0)) {
    if (thing instanceof SignalingClient) thing.close()
    else thing.stop()
  }
  await closeAll()
})

/** The call's signalling as call-parts.ts builds it, over settings that know `accessKey`. */
function signaling(url: string, accessKey?: string): SignalingClient {
  const settings = new SettingsStore(null)
  if (accessKey) settings.setAccessKey(url, accessKey)
  const client = signalingFor(settings)(url)
  opened.push(client)
  return client
}

function rooms(keys: Record<string, string>): RoomsStore {
  const store = createRoomsStore((url) => keys[url])
  opened.push(store)
  return store
}

describe('a server that requires an access key', () => {
  it('lets the call’s signalling in with the key, and refuses it without', async () => {
    const server = await Rendezvous.start({ accessKey: KEY })
    const client = signaling(server.url, KEY)
    await client.connect()
    const joined = await client.join({ room: 'demo', nickname: 'Ann' })
    expect(joined.self.nickname).toBe('Ann')
    const refused = await signaling(server.url)
      .connect()
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(SignalingError)
    expect(refused).toMatchObject({ code: 'refused' })
  })

  it('lists rooms for the lobby with the key, and says why without it', async () => {
    const server = await Rendezvous.start({ accessKey: KEY })
    const withKey = rooms({ [server.url]: KEY })
    withKey.watch(server.url)
    await expect.poll(() => withKey.status).toEqual({ kind: 'connected' })
    const without = rooms({})
    without.watch(server.url)
    await expect
      .poll(() => without.status)
      .toMatchObject({
        kind: 'refused',
        code: 'access_key_required',
      })
  })
})
