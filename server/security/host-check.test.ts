import { networkInterfaces } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { statusWithHost } from '../../tests/support/forged-host.js'
import { connectClient, startServer, stopAll } from '../../tests/support/harness.js'
import { hostCheck, hostName } from './host-check.js'

afterEach(stopAll)

const refusal = (url: string, host: string) =>
  connectClient(url, { extraHeaders: { host, origin: `http://${host}` } }).then(
    () => null,
    (err: Error & { data?: unknown }) => err,
  )

const ownAddress = Object.values(networkInterfaces())
  .flatMap((entries) => entries ?? [])
  .find((entry) => entry.family === 'IPv4' && !entry.internal)?.address

describe('hostCheck', () => {
  it('reads the name out of a Host header', () => {
    expect(hostName('Example.COM:3000')).toBe('example.com')
    expect(hostName('[::1]:47320')).toBe('::1')
    expect(hostName('noom.example.')).toBe('noom.example')
    expect(hostName('127.0.0.1')).toBe('127.0.0.1')
  })

  it('serves loopback, this machine, the public URL and the allowed hosts, and nothing else', () => {
    const allowed = hostCheck({
      allowedHosts: ['meet.example', 'Other.Example'],
      publicUrl: 'https://noom.example/',
    })
    for (const host of [
      '127.0.0.1:3000',
      'localhost:3000',
      '[::1]:3000',
      'app.localhost',
      'meet.example',
      'other.example:443',
      'noom.example',
      undefined,
      ...(ownAddress ? [`${ownAddress}:3000`] : []),
    ]) {
      expect(allowed(host), String(host)).toBe(true)
    }
    for (const host of [
      'attacker.example:3000',
      '127.0.0.1.attacker.example',
      'noom.example.evil',
    ]) {
      expect(allowed(host), host).toBe(false)
    }
    expect(hostCheck({ allowedHosts: ['*'] })('anything.example')).toBe(true)
  })
})

describe('the library server against DNS rebinding', () => {
  it('refuses a forged Host with a matching Origin, over HTTP and Socket.IO', async () => {
    const { url } = await startServer()
    expect(await statusWithHost(url, '/healthz', 'attacker.example:3000')).toBe(421)
    expect(await refusal(url, 'attacker.example:3000')).toMatchObject({
      message: 'host_not_allowed',
      data: { code: 'host_not_allowed' },
    })
    expect(await statusWithHost(url, '/healthz', 'localhost')).toBe(200)
    expect(await refusal(url, new URL(url).host)).toBeNull()
    expect(await refusal(url, 'localhost:1234')).toBeNull()
  })

  it('serves the names it is given', async () => {
    const { url } = await startServer({
      allowedHosts: ['meet.example'],
      publicUrl: 'https://noom.example',
    })
    expect(await refusal(url, 'meet.example')).toBeNull()
    expect(await refusal(url, 'noom.example:443')).toBeNull()
    expect(await statusWithHost(url, '/healthz', 'noom.example')).toBe(200)
    expect(await refusal(url, 'other.example')).toMatchObject({ message: 'host_not_allowed' })
  })
})
