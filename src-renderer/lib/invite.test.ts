import { describe, expect, it } from 'vitest'
import { inviteLink, isUnencrypted, keyedServerLink, keyFromLink } from './invite.js'

const KEY = 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'

describe('inviteLink', () => {
  it('names the room on the server page, encoded so any room name survives the trip', () => {
    expect(inviteLink('https://noom.example.org', 'team standup')).toBe(
      'https://noom.example.org/?room=team%20standup',
    )
    expect(inviteLink('http://127.0.0.1:4000/', 'a&b')).toBe('http://127.0.0.1:4000/?room=a%26b')
  })

  it('reads back as the same room name through URLSearchParams', () => {
    const link = inviteLink('https://noom.example.org', 'Café 2.0_x')
    expect(new URL(link).searchParams.get('room')).toBe('Café 2.0_x')
  })

  it('carries a built-in server’s access key, which the page reads back', () => {
    const link = inviteLink('http://192.168.1.5:47320', 'demo', KEY)
    expect(link).toBe(`http://192.168.1.5:47320/?room=demo&key=${KEY}`)
    expect(keyFromLink(new URL(link).search)).toBe(KEY)
    expect(keyedServerLink('http://192.168.1.5:47320', KEY)).toBe(
      `http://192.168.1.5:47320/?key=${KEY}`,
    )
    expect(keyedServerLink('http://192.168.1.5:47320', null)).toBe('http://192.168.1.5:47320')
  })
})

describe('keyFromLink', () => {
  it.each(['', '?room=a', '?key=short', `?key=${KEY}%3Cb%3E`, `?key=${KEY.slice(1)}=`])(
    'finds no key in %j',
    (search) => {
      expect(keyFromLink(search)).toBeNull()
    },
  )
})

describe('isUnencrypted', () => {
  it.each([
    ['http://192.168.1.5:47320', true],
    ['http://[fd00::5]:47320', true],
    ['http://noom.example.org', true],
    ['https://noom.example.org', false],
    ['http://127.0.0.1:47320', false],
    ['http://localhost:3000', false],
    ['http://[::1]:3000', false],
    ['', false],
  ])('%s: %s', (server, unencrypted) => {
    expect(isUnencrypted(server)).toBe(unencrypted)
  })
})
