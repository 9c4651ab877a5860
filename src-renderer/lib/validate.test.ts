import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol/limits.js'
import {
  checkNickname,
  checkPassword,
  checkRoomName,
  checkServerReach,
  checkServerUrl,
  parseServerUrl,
  roomFromLink,
} from './validate.js'

describe('server address', () => {
  it('accepts http(s) and keeps the origin only', () => {
    expect(parseServerUrl(' https://noom.example.org/ ')).toBe('https://noom.example.org')
    expect(parseServerUrl('http://127.0.0.1:4000/?room=demo')).toBe('http://127.0.0.1:4000')
  })

  it('refuses other schemes, credentials and non-URLs', () => {
    for (const bad of [
      'ftp://a.example',
      'javascript:alert(1)',
      'noom.example.org',
      'https://u:p@a.example',
      '',
    ]) {
      expect(parseServerUrl(bad)).toBeNull()
      expect(checkServerUrl(bad)?.key).toBe('form.error.serverUrl')
    }
  })
})

describe('plain http outside this computer and private networks (the desktop app)', () => {
  it('is refused with its own message; https, local and private addresses pass', () => {
    for (const refused of [
      'http://noom.example.org',
      'http://8.8.8.8:3000/',
      ' http://[2001:db8::1] ',
    ]) {
      expect(checkServerReach(refused)).toEqual({ key: 'form.error.serverInsecure' })
    }
    for (const fine of [
      'https://noom.example.org',
      'http://127.0.0.1:47320',
      'http://localhost:3000',
      'http://192.168.1.5:47320',
      'http://[fd00::5]:47320',
      'not an address',
    ]) {
      expect(checkServerReach(fine)).toBeNull()
    }
  })
})

describe('nickname and room name', () => {
  it('gives the schema reason as a message key', () => {
    expect(checkNickname('   ')).toEqual({ key: 'form.error.empty' })
    expect(checkNickname('x'.repeat(LIMITS.nicknameMax + 1))).toEqual({
      key: 'form.error.tooLong',
      params: { max: LIMITS.nicknameMax },
    })
    expect(checkNickname('a\u202eb')).toEqual({ key: 'form.error.unprintable' })
    expect(checkNickname('👩‍💻 Ann')).toBeNull()
    expect(checkRoomName('-bad')).toEqual({ key: 'form.error.roomChars' })
    expect(checkRoomName('team standup')).toBeNull()
    expect(checkRoomName('회의실')).toBeNull()
  })

  it('says which look-alike rule a name breaks, in words the catalogs have', () => {
    expect(checkNickname('Bob (you)')).toEqual({ key: 'form.error.reserved' })
    expect(checkNickname('민준 (나)')).toEqual({ key: 'form.error.reserved' })
    expect(checkNickname('Al\u200Dice')).toEqual({ key: 'form.error.unprintable' })
    expect(checkNickname('\u2800\u2800')).toEqual({ key: 'form.error.unprintable' })
    expect(checkNickname('A' + '\u0301'.repeat(31))).toEqual({ key: 'form.error.marks' })
    expect(checkNickname('\u0301\u0302')).toEqual({ key: 'form.error.blank' })
    expect(checkRoomName('st\u0430ndup')).toEqual({ key: 'form.error.mixedScripts' })
    expect(checkRoomName('ｓｔａｎｄｕｐ')).toBeNull()
  })

  it('treats an empty password as none and limits a given one', () => {
    expect(checkPassword('')).toBeNull()
    expect(checkPassword('x'.repeat(LIMITS.passwordMax + 1))?.key).toBe('form.error.tooLong')
  })
})

describe('join link', () => {
  it('reads ?room=', () => {
    expect(roomFromLink('?room=demo%20room')).toBe('demo room')
    expect(roomFromLink('?room=')).toBeNull()
    expect(roomFromLink('')).toBeNull()
  })
})
