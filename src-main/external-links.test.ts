import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl } from './external-links.js'

const ALLOW = ['noom.example', 'docs.noom.example', '.help.example.org', 'status.example:8443']

describe('isSafeExternalUrl', () => {
  it.each([
    'https://noom.example',
    'https://noom.example/',
    'https://NOOM.example/Guide?a=1&b=%20two#top',
    'https://noom.example:443/',
    'https://docs.noom.example/privacy',
    'https://a.help.example.org/',
    'https://a.b.help.example.org/x',
    'https://status.example:8443/',
    'https://noom.example/search?q=caf%C3%A9',
  ])('opens %j', (url) => {
    expect(isSafeExternalUrl(url, ALLOW)).toBe(true)
  })

  it.each([
    // Other schemes, including the ones the OS would run or mount.
    'http://noom.example/',
    'javascript:alert(1)',
    'JavaScript://noom.example/%0aalert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///C:/Windows/System32/calc.exe',
    'file://noom.example/share/x.exe',
    'smb://noom.example/share',
    'ms-settings:privacy',
    'noom://join/demo',
    'ftp://noom.example/',
    // UNC paths and slash/backslash confusion.
    '\\\\noom.example\\share\\x.exe',
    '//noom.example/share',
    'https:\\\\noom.example\\',
    'https:/\\noom.example/',
    'https:/noom.example/',
    'https:noom.example',
    'https://noom.example\\@evil.example/',
    // Hosts that are not listed, or only look like it.
    'https://evil.example/',
    'https://noom.example.evil.example/',
    'https://evilnoom.example/',
    'https://sub.noom.example/',
    'https://help.example.org/',
    'https://evilhelp.example.org/',
    'https://noom.example./',
    'https://noom.example../',
    'https://.noom.example/',
    'https://noom..example/',
    'https://nооm.example/',
    'https://xn--nm-hmca.example/',
    'https://noom%2eexample/',
    'https://no%6Fm.example/',
    'https://noom.example%00.evil.example/',
    'https://0x7f.0.0.1/',
    'https://[::1]/',
    // Credentials.
    'https://user@noom.example/',
    'https://user:pass@noom.example/',
    'https://noom.example@evil.example/',
    'https://noom.example:443@evil.example/',
    'https://noom.example%40evil.example/',
    // Ports.
    'https://noom.example:8443/',
    'https://noom.example:0/',
    'https://status.example/',
    'https://status.example:8444/',
    'https://noom.example:99999/',
    'https://noom.example:/',
    // Whitespace, control characters and their escapes.
    ' https://noom.example/',
    'https://noom.example/ ',
    'https://noom.example/\n',
    'https://noom.exa\tmple/',
    'https://noom.example/\u0000',
    'https://noom.example/\u202e',
    'https://noom.example/%00',
    'https://noom.example/a%0d%0aSet-Cookie:x',
    'https://noom.example/%7F',
    // Not URLs at all.
    '',
    'noom.example',
    'https://',
    `https://noom.example/${'a'.repeat(3000)}`,
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url, ALLOW)).toBe(false)
  })

  it('admits a punycode host only when that form is listed', () => {
    const idn = 'xn--nm-hmca.example'
    expect(isSafeExternalUrl(`https://${idn}/`, [idn])).toBe(true)
    expect(isSafeExternalUrl('https://nöm.example/', [idn])).toBe(false)
  })

  it('refuses everything with an empty allowlist', () => {
    expect(isSafeExternalUrl('https://noom.example/', [])).toBe(false)
  })
})
