/**
 * deploy/coturn/turnserver.conf as the tests read it: its settings, its denied peer ranges as
 * numbers, and the addresses a Noom relay must refuse or allow.
 */
import { meaningful } from './deploy-files.js'

/** `key` or `key=value` lines of turnserver.conf. */
export function turnConf(text: string): [string, string | undefined][] {
  return meaningful(text).map((line) => {
    const at = line.indexOf('=')
    return at < 0 ? [line, undefined] : [line.slice(0, at), line.slice(at + 1)]
  })
}

/** An IPv4 or IPv6 address as a number, IPv4 in its own space (coturn keeps the families apart). */
export function ipNumber(address: string): { v6: boolean; n: bigint } {
  if (/^\d+(\.\d+){3}$/.test(address)) {
    return { v6: false, n: address.split('.').reduce((n, part) => (n << 8n) | BigInt(part), 0n) }
  }
  let text = address
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1]
  if (v4) {
    const n = ipNumber(v4).n
    text = text.slice(0, -v4.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parts = (s: string) => (s === '' ? [] : s.split(':'))
  const groups =
    tail === undefined
      ? parts(head)
      : [
          ...parts(head),
          ...Array<string>(8 - parts(head).length - parts(tail).length).fill('0'),
          ...parts(tail),
        ]
  if (groups.length !== 8) throw new Error(`not an address: ${address}`)
  return { v6: true, n: groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n) }
}

/** The `denied-peer-ip` ranges, each as written and as its first and last address. */
export function deniedRanges(conf: [string, string | undefined][]) {
  return conf
    .filter(([key]) => key === 'denied-peer-ip')
    .map(([, value = '']) => {
      const [first = '', last = first] = value.split('-')
      return { value, first: ipNumber(first), last: ipNumber(last) }
    })
}

/** Addresses no relay may reach: private, loopback, link-local, CGNAT, metadata, reserved, multicast. */
export const MUST_BE_DENIED = [
  '0.0.0.0',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.254',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.169.254',
  '169.254.0.1',
  '172.16.0.1',
  '172.31.255.254',
  '192.0.0.8',
  '192.0.2.1',
  '192.168.0.1',
  '192.168.255.254',
  '198.18.0.1',
  '198.51.100.1',
  '203.0.113.1',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '::1',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  '::ffff:127.0.0.1',
  '64:ff9b::a00:1',
  'fc00::1',
  'fd00:ec2::254',
  'fe80::1',
  'ff02::1',
  '2001:db8::1',
]
/** Public addresses a relay must still reach (one that refuses everything carries no call). */
export const MUST_BE_ALLOWED = [
  '1.1.1.1',
  '8.8.8.8',
  '11.0.0.1',
  '100.128.0.1',
  '172.32.0.1',
  '192.169.0.1',
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
]
