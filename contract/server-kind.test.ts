import { describe, expect, it } from 'vitest'
import { serverKind } from './server-kind.js'

describe('serverKind', () => {
  it.each([
    ['https://noom.example.org', 'https'],
    ['https://8.8.8.8', 'https'],
    ['http://127.0.0.1:47320', 'local'],
    ['http://127.9.9.9', 'local'],
    ['http://localhost:3000', 'local'],
    ['http://[::1]:3000', 'local'],
    ['http://10.1.2.3:3000', 'private'],
    ['http://172.16.0.1', 'private'],
    ['http://172.31.255.255', 'private'],
    ['http://192.168.1.5:47320', 'private'],
    ['http://169.254.10.10', 'private'],
    ['http://[fd00::5]:47320', 'private'],
    ['http://[fe80::1]', 'private'],
    ['http://172.32.0.1', 'refused'],
    ['http://8.8.8.8', 'refused'],
    ['http://noom.example.org', 'refused'],
    ['http://printer.local', 'refused'],
    ['http://[2001:db8::1]', 'refused'],
    ['ws://192.168.1.5', 'refused'],
    ['http://[fe80::1]', 'private'],
    ['http://[febf::1]', 'private'],
    ['http://[fec0::1]', 'refused'],
    ['http://[::ffff:10.0.0.1]', 'refused'],
    ['http://[::]', 'refused'],
    ['http://0x7f.1', 'local'],
    ['http://2130706433:3000', 'local'],
    ['http://100.64.0.1', 'refused'],
    ['http://app.localhost:3000', 'local'],
    ['not a url', 'refused'],
  ])('%s is %s', (origin, kind) => {
    expect(serverKind(origin)).toBe(kind)
  })
})
