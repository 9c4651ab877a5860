import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { iceServersFor, seatIceServers, turnCredentials } from './credentials.js'

// 2023-11-14T22:13:20Z, in ms.
const NOW = 1_700_000_000_000

describe('turnCredentials', () => {
  it('matches a vector computed outside Node (openssl dgst -sha1 -hmac … | base64)', () => {
    // printf '%s' '1700086400:ann-123' | openssl dgst -sha1 -hmac north-wind-shared-secret -binary | base64
    expect(
      turnCredentials({
        secret: 'north-wind-shared-secret',
        memberId: 'ann-123',
        ttlSeconds: 86_400,
        now: NOW,
      }),
    ).toEqual({ username: '1700086400:ann-123', credential: 'b8b6xPB6+xKoMwkALHDgw6P4+O8=' })
  })

  it('names the member after the expiry, in whole seconds, and signs exactly that username', () => {
    const { username, credential } = turnCredentials({
      secret: 's',
      memberId: 'b2f13056-fad7-4862-a34c-0ac65e3f7131',
      ttlSeconds: 600,
      now: NOW + 999, // the milliseconds are dropped, not rounded up
    })
    expect(username).toBe('1700000600:b2f13056-fad7-4862-a34c-0ac65e3f7131')
    expect(credential).toBe(createHmac('sha1', 's').update(username).digest('base64'))
    expect(Buffer.from(credential, 'base64')).toHaveLength(20) // a SHA-1 digest
  })

  it('gives another password for another member, secret or expiry', () => {
    const base = { secret: 'a', memberId: 'm', ttlSeconds: 60, now: NOW }
    const { credential } = turnCredentials(base)
    expect(turnCredentials({ ...base, memberId: 'n' }).credential).not.toBe(credential)
    expect(turnCredentials({ ...base, secret: 'b' }).credential).not.toBe(credential)
    expect(turnCredentials({ ...base, ttlSeconds: 61 }).credential).not.toBe(credential)
  })
})

describe('iceServersFor', () => {
  const stun = [{ urls: ['stun:stun.example.org:3478'] }]
  const turn = { secret: 'k', urls: ['turn:turn.example.org:3478?transport=udp'], ttlSeconds: 60 }

  it('hands out the STUN list as it is when there is no TURN', () => {
    const alone = { iceServers: stun, turn: null, memberId: 'm', now: NOW }
    expect(iceServersFor({ ...alone, company: true })).toEqual(stun)
  })

  it('adds one TURN entry with every URL and credentials for this member; STUN stays bare', () => {
    const servers = iceServersFor({
      iceServers: stun,
      turn,
      memberId: 'm',
      company: true,
      now: NOW,
    })
    expect(servers).toEqual([
      { urls: ['stun:stun.example.org:3478'] },
      { urls: turn.urls, ...turnCredentials({ ...turn, memberId: 'm', now: NOW }) },
    ])
    expect(servers[1]?.username).toBe('1700000060:m')
  })

  it('gives a member with nobody to call no TURN entry, only the STUN list', () => {
    expect(
      iceServersFor({ iceServers: stun, turn, memberId: 'm', company: false, now: NOW }),
    ).toEqual(stun)
  })
})

describe('seatIceServers', () => {
  const options = { iceServers: [], turn: { secret: 'k', urls: ['turn:t'], ttlSeconds: 60 } }

  it('counts company among the other seats only, never the member itself', () => {
    expect(seatIceServers(options, [{ id: 'm' }], 'm')).toEqual([])
    expect(seatIceServers(options, [], 'm')).toEqual([])
    const paired = seatIceServers(options, [{ id: 'm' }, { id: 'n' }], 'm')
    expect(paired).toHaveLength(1)
    expect(paired[0]?.username).toMatch(/^\d+:m$/)
  })
})
