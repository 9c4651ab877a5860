import { describe, expect, it } from 'vitest'
import { httpOrigin, serverUrlSchema } from './server-url.js'

describe('httpOrigin', () => {
  it.each([
    ['https://noom.example.org', 'https://noom.example.org'],
    ['https://NOOM.example.org:443/', 'https://noom.example.org'],
    ['http://192.168.1.5:3000/rooms?x=1', 'http://192.168.1.5:3000'],
  ])('%s has the origin %s', (value, origin) => {
    expect(httpOrigin(value)).toBe(origin)
  })

  it.each([
    ['another scheme', 'javascript:alert(1)'],
    ['a file URL', 'file:///etc/passwd'],
    ['credentials', 'https://user:pw@noom.example.org'],
    ['a user name only', 'https://app@evil.example'],
    ['not a URL', 'noom.example.org'],
    ['nothing', ''],
  ])('refuses %s', (_what, value) => {
    expect(httpOrigin(value)).toBeNull()
  })
})

describe('serverUrlSchema', () => {
  it.each(['', 'http://192.168.1.5:3000', 'https://[::1]:8443', 'https://noom.example.org'])(
    'accepts %j: none, or an origin as URL#origin writes it',
    (value) => {
      expect(serverUrlSchema.safeParse(value).success).toBe(true)
    },
  )

  it.each([
    ['a path', 'https://noom.example.org/x'],
    ['a trailing slash', 'https://noom.example.org/'],
    ['upper case', 'https://NOOM.example.org'],
    ['surrounding space', ' https://noom.example.org'],
    ['a default port spelled out', 'https://noom.example.org:443'],
    ['another scheme', 'javascript:alert(1)'],
    ['credentials', 'https://a:b@noom.example.org'],
    ['over 256 characters', `https://${'a'.repeat(250)}.org`],
    ['not a string', 42],
  ])('refuses %s', (_what, value) => {
    expect(serverUrlSchema.safeParse(value).success).toBe(false)
  })
})
