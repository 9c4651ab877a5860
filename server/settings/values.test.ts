import { describe, expect, it } from 'vitest'
import { isSfuUrl, isStunUrl, isTurnUrl, repeatedUrlAt } from './values.js'

describe('URL checks', () => {
  it.each([
    'turn:turn.example.org',
    'turn:turn.example.org:3478',
    'turn:127.0.0.1:3478?transport=udp',
    'turn:[2001:db8::1]:3478?transport=tcp',
    'turns:turn.example.org:5349?transport=tcp',
  ])('accepts the TURN URL %s', (url) => expect(isTurnUrl(url)).toBe(true))

  it.each([
    'stun:turn.example.org',
    'http://turn.example.org',
    'turn:',
    'turn://turn.example.org',
    'turn:turn.example.org:0',
    'turn:turn.example.org:70000',
    'turn:turn.example.org?transport=sctp',
    'turn:user@turn.example.org',
    'turn:turn example.org',
  ])('refuses %s as a TURN URL', (url) => expect(isTurnUrl(url)).toBe(false))

  it.each(['stun:stun.example.org', 'stun:10.0.0.1:3478', 'stuns:[::1]:5349'])(
    'accepts the STUN URL %s',
    (url) => expect(isStunUrl(url)).toBe(true),
  )

  it.each([
    'turn:stun.example.org',
    'stun:stun.example.org?transport=udp',
    'stun:',
    'stun:a:99999',
  ])('refuses %s as a STUN URL', (url) => expect(isStunUrl(url)).toBe(false))

  it.each([
    'ws://127.0.0.1:8188',
    'wss://janus.example.org/janus',
    'ws://[::1]:8188',
    'ws://janus',
  ])('accepts the SFU URL %s', (url) => expect(isSfuUrl(url)).toBe(true))

  it.each([
    'http://janus.example.org:8088/janus',
    'wss:janus.example.org',
    'ws://',
    'ws://[::1',
    'ws://janus:99999',
    ' ws://janus',
    'turn:janus',
  ])('refuses %s as an SFU URL', (url) => expect(isSfuUrl(url)).toBe(false))

  it('finds an entry naming a URL listed before it, however it is spelled', () => {
    expect(repeatedUrlAt(['ws://a:8188', 'ws://b:8188'])).toBe(-1)
    expect(repeatedUrlAt(['ws://a:8188', 'ws://b:8188', 'ws://A:8188/'])).toBe(2)
    expect(repeatedUrlAt(['wss://a:443/janus', 'wss://a/janus'])).toBe(1)
    // Another port or path is another instance.
    expect(repeatedUrlAt(['ws://a:8188', 'ws://a:8189', 'ws://a:8188/janus'])).toBe(-1)
  })
})
