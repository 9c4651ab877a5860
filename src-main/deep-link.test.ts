import { describe, expect, it, vi } from 'vitest'
import { deepLinkSchema } from '../contract/index.js'
import {
  DEEP_LINK_MAX,
  DeepLinkQueue,
  findDeepLinkInArgv,
  parseDeepLink,
  type DeepLink,
} from './deep-link.js'

/** A key as main makes them: 32 random bytes, base64url. */
const KEY = 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'

describe('parseDeepLink', () => {
  it.each<[string, DeepLink]>([
    ['noom://join/demo', { room: 'demo' }],
    ['NOOM://JOIN/demo', { room: 'demo' }],
    ['noom://join/Team%20Standup', { room: 'Team Standup' }],
    ['noom://join/caf%C3%A9', { room: 'café' }],
    ['noom://join/a.b_c-d', { room: 'a.b_c-d' }],
    [
      'noom://join/demo?server=https://noom.example',
      { room: 'demo', server: 'https://noom.example' },
    ],
    [
      'noom://join/demo?server=https%3A%2F%2Fnoom.example%3A8443%2F',
      { room: 'demo', server: 'https://noom.example:8443' },
    ],
    [
      'noom://join/demo?server=http://127.0.0.1:4000/',
      { room: 'demo', server: 'http://127.0.0.1:4000' },
    ],
    [
      `noom://join/demo?server=http://192.168.1.5:47320&key=${KEY}`,
      { room: 'demo', server: 'http://192.168.1.5:47320', key: KEY },
    ],
    [
      `noom://join/demo?key=${KEY}&server=http%3A%2F%2F192.168.1.5%3A47320`,
      { room: 'demo', server: 'http://192.168.1.5:47320', key: KEY },
    ],
  ])('reads %j', (raw, expected) => {
    expect(parseDeepLink(raw)).toEqual(expected)
    // What the page is sent always passes the contract's schema.
    expect(deepLinkSchema.parse(parseDeepLink(raw))).toEqual(expected)
  })

  it.each([
    // Not a join link.
    '',
    'noom:',
    'noom://',
    'noom://join',
    'noom://join/',
    'noom:join/demo',
    'noom:/join/demo',
    'noom:///join/demo',
    'noom://settings/demo',
    'noom://join.evil/demo',
    'noom://evil@join/demo',
    'noom://join:80/demo',
    'noom://join/demo/extra',
    'noom://join/demo/',
    'noom://join//demo',
    'noom://join/../settings',
    'noom://join/demo#frag',
    'https://join/demo',
    'javascript://join/demo',
    ' noom://join/demo',
    // Rooms the protocol refuses, and encoding tricks.
    'noom://join/.hidden',
    'noom://join/a%2Fb',
    'noom://join/a%2fb',
    'noom://join/a%5Cb',
    'noom://join/a\\b',
    'noom://join/demo%00',
    'noom://join/demo%0Aevil',
    'noom://join/demo\u0000',
    'noom://join/demo\n',
    'noom://join/de mo',
    'noom://join/dém',
    'noom://join/%',
    'noom://join/%E0%A4%A',
    'noom://join/%3Cscript%3E',
    'noom://join/a+b',
    `noom://join/${'a'.repeat(65)}`,
    `noom://join/demo?server=https://${'a'.repeat(DEEP_LINK_MAX)}.example`,
    // Bad or hostile server values.
    'noom://join/demo?',
    'noom://join/demo?server=',
    'noom://join/demo?server=javascript:alert(1)',
    'noom://join/demo?server=javascript%3Aalert(1)',
    'noom://join/demo?server=file:///etc/passwd',
    'noom://join/demo?server=data:text/html,x',
    'noom://join/demo?server=ws://noom.example',
    'noom://join/demo?server=https://user:pw@noom.example',
    'noom://join/demo?server=https://noom.example@evil.example',
    'noom://join/demo?server=https://noom.example/path',
    'noom://join/demo?server=https://noom.example/?x=1',
    'noom://join/demo?server=https://noom.example%2523frag',
    'noom://join/demo?server=https:%5C%5Cevil.example',
    'noom://join/demo?server=https://noom.example%0A',
    'noom://join/demo?server=https://noom.example%20',
    'noom://join/demo?server=https://nöom.example',
    `noom://join/demo?server=https://${'a'.repeat(300)}.example`,
    'noom://join/demo?server=https://a.example&server=https://b.example',
    'noom://join/demo?server=https://a.example&token=x',
    'noom://join/demo?other=1',
    'noom://join/demo?Server=https://a.example',
    // Bad keys: without a server, twice, too short or long, not base64url, or a flag of main's.
    `noom://join/demo?key=${KEY}`,
    `noom://join/demo?server=https://a.example&key=${KEY}&key=${KEY}`,
    'noom://join/demo?server=https://a.example&key=short',
    `noom://join/demo?server=https://a.example&key=${'k'.repeat(129)}`,
    `noom://join/demo?server=https://a.example&key=${KEY.slice(1)}%2B`,
    `noom://join/demo?server=https://a.example&key=${KEY.slice(1)}=`,
    'noom://join/demo?server=https://a.example&key=',
    'noom://join/demo?server=https://a.example&thisCallOnly=1',
  ])('refuses %j', (raw) => {
    expect(parseDeepLink(raw)).toBeNull()
  })
})

describe('findDeepLinkInArgv', () => {
  it('finds the link among Electron and Chromium arguments', () => {
    const argv = ['C:\\Noom\\Noom.exe', '--allow-file-access-from-files', 'noom://join/demo']
    expect(findDeepLinkInArgv(argv)).toBe('noom://join/demo')
  })

  it('skips arguments that only look like links, and takes the first valid one', () => {
    const argv = ['/opt/Noom/noom', 'noom://join/a%2Fb', 'noom://join/one', 'noom://join/two']
    expect(findDeepLinkInArgv(argv)).toBe('noom://join/one')
  })

  it.each([
    [[]],
    [['/opt/Noom/noom']],
    [['/opt/Noom/noom', '--inspect=9229', 'noom://join/x --inspect']],
    [['/opt/Noom/noom', '--url=noom://join/demo']],
    [['/opt/Noom/noom', 'https://evil.example/noom://join/demo']],
  ])('answers null for %j', (argv) => {
    expect(findDeepLinkInArgv(argv)).toBeNull()
  })
})

describe('DeepLinkQueue', () => {
  it('holds links until ready, then delivers them in order', () => {
    const send = vi.fn<(link: DeepLink) => void>()
    const queue = new DeepLinkQueue(send)
    queue.push({ room: 'one' })
    queue.push({ room: 'two', server: 'https://noom.example' })
    expect(send).not.toHaveBeenCalled()

    queue.ready()
    expect(send.mock.calls).toEqual([
      [{ room: 'one' }],
      [{ room: 'two', server: 'https://noom.example' }],
    ])
  })

  it('delivers directly once ready, and a second ready() sends nothing again', () => {
    const send = vi.fn<(link: DeepLink) => void>()
    const queue = new DeepLinkQueue(send)
    queue.ready()
    queue.push({ room: 'now' })
    queue.ready()
    expect(send.mock.calls).toEqual([[{ room: 'now' }]])
  })

  it('holds links again while the page reloads, until the new page listens', () => {
    const send = vi.fn<(link: DeepLink) => void>()
    const queue = new DeepLinkQueue(send)
    queue.ready()
    queue.pause()
    queue.push({ room: 'during-reload' })
    expect(send).not.toHaveBeenCalled()
    queue.ready()
    expect(send.mock.calls).toEqual([[{ room: 'during-reload' }]])
  })

  it('keeps only the newest links when flooded before the renderer is ready', () => {
    const send = vi.fn<(link: DeepLink) => void>()
    const queue = new DeepLinkQueue(send)
    for (let i = 0; i < 100; i++) queue.push({ room: `r${i}` })
    queue.ready()
    expect(send).toHaveBeenCalledTimes(16)
    expect(send.mock.calls.at(0)).toEqual([{ room: 'r84' }])
    expect(send.mock.calls.at(-1)).toEqual([{ room: 'r99' }])
  })
})
