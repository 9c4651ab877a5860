import { describe, expect, it } from 'vitest'
import { httpOrigin } from './http-origin.js'

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
