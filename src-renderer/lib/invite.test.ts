import { describe, expect, it } from 'vitest'
import { inviteLink } from './invite.js'

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
})
