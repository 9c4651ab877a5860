import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import type { BridgeRequest, NoomBridge } from './bridge.js'
import { CHANNELS, EVENTS } from './channels.js'
import { hostStatusSchema } from './host.js'
import { deepLinkSchema, screenPickRequestSchema } from './payloads.js'
import { REQUEST_SCHEMAS } from './requests.js'

describe('the channels', () => {
  it('are named domain:verb, each once', () => {
    const names = [...Object.values(CHANNELS), ...Object.values(EVENTS)]
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/^[a-z-]+:[a-z-]+$/)
  })

  it('carry every bridge request, and one more: the preload’s deep-link ready', () => {
    const requests: BridgeRequest[] = [
      'getInfo',
      'getSettings',
      'setSettings',
      'allowServer',
      'answerScreenPick',
      'getMediaAccess',
      'requestMediaAccess',
      'openMediaAccessSettings',
      'notify',
      'setBadgeCount',
      'setCallState',
      'startHost',
      'stopHost',
      'getHostStatus',
    ]
    expect(Object.keys(CHANNELS).sort()).toEqual([...requests, 'deepLinkReady'].sort())
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual(Object.keys(CHANNELS).sort())
  })

  it('no longer carry the capabilities no feature used', () => {
    expect(Object.keys(CHANNELS)).not.toContain('getScreenSources')
    expect(Object.keys(CHANNELS)).not.toContain('openExternal')
  })
})

describe('the bridge types', () => {
  it('take exactly the arguments the request schemas accept', () => {
    type Parsed = { [K in BridgeRequest]: z.output<(typeof REQUEST_SCHEMAS)[K]> }
    type Sent = { [K in BridgeRequest]: Parameters<NoomBridge[K]> }
    expectTypeOf<Parsed>().toEqualTypeOf<Sent>()
  })

  it('hand listeners the payloads the event schemas describe', () => {
    type Subscription = Extract<keyof NoomBridge, `on${string}`>
    type Payload<K extends Subscription> = Parameters<Parameters<NoomBridge[K]>[0]>[0]
    expectTypeOf<Payload<'onScreenPick'>>().toEqualTypeOf<
      z.output<typeof screenPickRequestSchema>
    >()
    expectTypeOf<Payload<'onDeepLink'>>().toEqualTypeOf<z.output<typeof deepLinkSchema>>()
    expectTypeOf<Payload<'onHostStatus'>>().toEqualTypeOf<z.output<typeof hostStatusSchema>>()
  })
})

describe('the payload schemas', () => {
  it('accept what main sends', () => {
    const pick = {
      requestId: 'c7a4b3e2-1d2f-4e5a-8b9c-0d1e2f3a4b5c',
      sources: [
        { id: 'screen:0:0', name: 'Screen', kind: 'screen', thumbnail: '', appIcon: null },
        {
          id: 'window:42:0',
          name: 'Editor',
          kind: 'window',
          thumbnail: 'data:image/png;base64,iVBORw0KGgo=',
          appIcon: 'data:image/png;base64,iVBORw0KGgo=',
        },
      ],
      systemAudio: false,
    }
    expect(screenPickRequestSchema.parse(pick)).toEqual(pick)
    expect(deepLinkSchema.parse({ room: 'standup', server: 'https://noom.example.org' })).toEqual({
      room: 'standup',
      server: 'https://noom.example.org',
    })
    const running = {
      state: 'running',
      port: 47320,
      lan: true,
      localUrl: 'http://127.0.0.1:47320',
      lanUrls: ['http://192.168.1.5:47320', 'http://[fd00::5]:47320'],
      error: null,
      accessKey: 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456',
    }
    expect(hostStatusSchema.parse(running)).toEqual(running)
  })

  it.each([
    ['a thumbnail that is not a PNG data URL', { thumbnail: 'https://evil.example/x.png' }],
    ['a thumbnail with markup', { thumbnail: 'data:image/png;base64,"><script>' }],
    ['an unknown kind', { kind: 'tab' }],
  ])('refuse a screen source with %s', (_what, patch) => {
    const source = { id: 'screen:0:0', name: 'S', kind: 'screen', thumbnail: '', appIcon: null }
    const pick = { requestId: 'r', sources: [{ ...source, ...patch }], systemAudio: false }
    expect(screenPickRequestSchema.safeParse(pick).success).toBe(false)
  })

  it('refuse a deep link to a server that is not a bare origin', () => {
    expect(deepLinkSchema.safeParse({ room: 'a', server: 'https://x.org/p' }).success).toBe(false)
  })
  it('refuse an access key that is not base64url of 16 to 128 characters', () => {
    for (const key of ['short', 'k'.repeat(129), `${'k'.repeat(20)}<b>`]) {
      expect(deepLinkSchema.safeParse({ room: 'a', server: 'https://x.org', key }).success).toBe(
        false,
      )
      expect(hostStatusSchema.shape.accessKey.safeParse(key).success).toBe(false)
    }
  })
})
