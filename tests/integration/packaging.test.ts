// The packaging contract: electron-builder.yml is read the way electron-builder reads it (YAML,
// checked against the JSON schema of the installed electron-builder), then held to what the
// installers must be. Nothing here runs electron-builder: that needs Electron binaries for every
// target; .github/workflows/installers.yml builds the installers for real.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { Ajv } from 'ajv'
import type { Configuration, TargetConfiguration } from 'electron-builder'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const repo = resolve(import.meta.dirname, '../..')
const read = (path: string): string => readFileSync(resolve(repo, path), 'utf8')

// electron-builder validates its configuration with ajv against app-builder-lib's scheme.json; resolve
// that file from electron-builder itself so the schema is the one of the version that will build.
const fromBuilder = createRequire(
  createRequire(import.meta.url).resolve('electron-builder/package.json'),
)
const scheme = z
  .record(z.string(), z.unknown())
  .parse(JSON.parse(readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8')))
// The options electron-builder uses, minus coerceTypes: a value must already have the right type.
const ajv = new Ajv({ allErrors: true, strict: false })
const isConfiguration = ajv.compile<Configuration>(scheme)

const rawConfig = load(read('electron-builder.yml'))

/** The parsed electron-builder.yml, typed once the schema has accepted it. */
function config(): Configuration {
  if (!isConfiguration(rawConfig)) throw new Error(ajv.errorsText(isConfiguration.errors))
  return rawConfig
}

type TargetList = string | TargetConfiguration | ReadonlyArray<string | TargetConfiguration>

/** Each target of a platform with its architectures; a bare name means "the default arch". */
function targets(list: TargetList | null | undefined): Map<string, string[]> {
  return new Map(
    [list ?? []]
      .flat()
      .map((entry) =>
        typeof entry === 'string'
          ? [entry, []]
          : [entry.target, entry.arch == null ? [] : [entry.arch].flat()],
      ),
  )
}

/** An entitlements plist as key → boolean, comments dropped (ours explain keys we leave out). */
function entitlements(path: string): Map<string, boolean> {
  const xml = read(path).replace(/<!--[\s\S]*?-->/g, '')
  return new Map(
    [...xml.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map(
      ([, key, value]) => [key ?? '', value === 'true'] as const,
    ),
  )
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(resolve(repo, path))
  expect(bytes.subarray(1, 4).toString('ascii'), `${path} is a PNG`).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Every key anywhere in a parsed YAML value. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)])
}

describe('electron-builder.yml', () => {
  it('is a configuration the installed electron-builder accepts (its own JSON schema)', () => {
    const valid = isConfiguration(rawConfig)
    expect(valid, ajv.errorsText(isConfiguration.errors)).toBe(true)
  })

  it('builds an NSIS installer for Windows on x64 and arm64', () => {
    expect(targets(config().win?.target).get('nsis')).toEqual(['x64', 'arm64'])
  })

  it('builds a DMG for macOS on x64 (Intel) and arm64 (Apple silicon)', () => {
    expect(targets(config().mac?.target).get('dmg')).toEqual(['x64', 'arm64'])
  })

  it('builds an AppImage and a deb for Linux', () => {
    expect([...targets(config().linux?.target).keys()]).toEqual(['AppImage', 'deb'])
  })

  it('ships the app as one asar archive', () => {
    expect(config().asar).toBe(true)
  })

  it('packages the build output and package.json, without source maps', () => {
    expect(config().files).toEqual(
      expect.arrayContaining(['out/**/*', '!out/**/*.map', 'package.json']),
    )
  })

  it('signs macOS builds with the hardened runtime and our entitlements, app and helpers alike', () => {
    const mac = config().mac
    expect(mac?.hardenedRuntime).toBe(true)
    expect(mac?.entitlements).toBe('resources/entitlements.mac.plist')
    expect(mac?.entitlementsInherit).toBe('resources/entitlements.mac.plist')
  })

  it('grants the hardened runtime JIT, camera and microphone, and nothing that weakens signing', () => {
    const mac = config().mac
    for (const path of [mac?.entitlements, mac?.entitlementsInherit]) {
      expect(path != null && existsSync(resolve(repo, path)), `${path} exists`).toBe(true)
      const granted = entitlements(path ?? '')
      expect(granted.get('com.apple.security.cs.allow-jit'), 'V8 may JIT').toBe(true)
      expect(granted.get('com.apple.security.device.camera'), 'camera').toBe(true)
      expect(granted.get('com.apple.security.device.audio-input'), 'microphone').toBe(true)
      for (const weakening of [
        'com.apple.security.cs.allow-unsigned-executable-memory',
        'com.apple.security.cs.disable-library-validation',
        'com.apple.security.cs.allow-dyld-environment-variables',
        'com.apple.security.cs.disable-executable-page-protection',
      ])
        expect(granted.has(weakening), `${weakening} is not granted`).toBe(false)
    }
  })

  it.each([
    ['NSCameraUsageDescription', 'the camera'],
    ['NSMicrophoneUsageDescription', 'the microphone'],
    ['NSAudioCaptureUsageDescription', 'system audio capture (macOS 14.2+)'],
  ])('tells macOS users why Noom asks for %s (%s) in Info.plist', (key) => {
    const info: unknown = config().mac?.extendInfo
    const text = z.record(z.string(), z.unknown()).parse(info)[key]
    expect(typeof text === 'string' && text.trim().length > 0, `${key} is a sentence`).toBe(true)
  })

  it('leaves notarization on, driven by environment variables: no credentials in the file', () => {
    // electron-builder 26 takes the Apple account only from APPLE_* variables; the key is a switch.
    expect(config().mac?.notarize).toBe(true)
    const credentialKeys = allKeys(rawConfig).filter((key) =>
      /password|apple.?id|team.?id|api.?key|csc.?link/i.test(key),
    )
    expect(credentialKeys).toEqual([])
  })

  it('registers noom:// with macOS and in the Linux desktop entry (x-scheme-handler/noom)', () => {
    const { protocols, linux } = config()
    const schemes = [protocols ?? [], linux?.protocols ?? []]
      .flat()
      .flatMap((protocol) => protocol.schemes)
    expect(schemes).toContain('noom')
    // electron-builder 26 (LinuxTargetHelper.computeDesktopEntry) writes the desktop entry's MimeType
    // as linux.mimeTypes followed by x-scheme-handler/<scheme> for every protocol scheme.
    const mimeTypes = [...(linux?.mimeTypes ?? []), ...schemes.map((s) => `x-scheme-handler/${s}`)]
    expect(mimeTypes.filter((type) => type === 'x-scheme-handler/noom')).toHaveLength(1)
  })

  it.each([
    ['runAsNode', false, 'ELECTRON_RUN_AS_NODE cannot turn the app into Node.js'],
    ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS cannot preload code'],
    ['enableNodeCliInspectArguments', false, '--inspect cannot attach a debugger'],
    ['onlyLoadAppFromAsar', true, 'only app.asar is loaded'],
    ['enableEmbeddedAsarIntegrityValidation', true, 'a modified app.asar is refused'],
    ['enableCookieEncryption', true, 'cookies are encrypted at rest'],
    ['grantFileProtocolExtraPrivileges', false, 'file:// pages get no extra powers'],
    ['loadBrowserProcessSpecificV8Snapshot', false, 'no separate browser-process snapshot'],
  ] as const)('sets the %s fuse to %s: %s', (fuse, value, _why) => {
    expect(config().electronFuses?.[fuse]).toBe(value)
  })

  it('points every platform at an icon in resources/ that is large enough to convert', () => {
    const { win, mac, linux } = config()
    // .ico needs at least 256 px and .icns 512 px; 1024 px gives macOS its 512@2x.
    const minimum = [
      [win?.icon, 256],
      [linux?.icon, 256],
      [mac?.icon, 1024],
    ] as const
    for (const [icon, size] of minimum) {
      expect(icon, 'an icon is configured').toMatch(/^resources\/.+\.png$/)
      const { width, height } = pngSize(icon ?? '')
      expect(width, `${icon} is square`).toBe(height)
      expect(width, `${icon} is at least ${size} px`).toBeGreaterThanOrEqual(size)
    }
  })
})

const workflowSchema = z.object({
  jobs: z.record(
    z.string(),
    z.object({
      'runs-on': z.string(),
      strategy: z
        .object({ matrix: z.object({ include: z.array(z.record(z.string(), z.string())) }) })
        .optional(),
      steps: z.array(z.object({ uses: z.string().optional(), run: z.string().optional() })),
    }),
  ),
})

describe('.github/workflows/installers.yml', () => {
  const { jobs } = workflowSchema.parse(load(read('.github/workflows/installers.yml')))
  const installers = Object.values(jobs).find((job) =>
    job.steps.some((step) => step.run?.includes('electron-builder')),
  )

  it('builds installers on Windows, macOS and Linux, each with its own platform flag', () => {
    const rows = installers?.strategy?.matrix.include ?? []
    expect(rows.map((row) => [row['os'], row['flag']])).toEqual([
      ['windows-latest', '--win'],
      ['macos-latest', '--mac'],
      ['ubuntu-latest', '--linux'],
    ])
    expect(installers?.['runs-on']).toBe('${{ matrix.os }}')
  })

  it('builds the app first, then packages it without publishing, and uploads the installers', () => {
    const steps = installers?.steps ?? []
    const build = steps.findIndex((step) => step.run === 'npm run build')
    const pack = steps.findIndex((step) =>
      step.run?.includes('electron-builder ${{ matrix.flag }}'),
    )
    expect(build, 'npm run build runs').toBeGreaterThanOrEqual(0)
    expect(pack, 'electron-builder runs after the build').toBeGreaterThan(build)
    expect(steps[pack]?.run).toContain('--publish never')
    expect(steps.slice(pack).some((step) => step.uses === 'actions/upload-artifact@v4')).toBe(true)
  })
})
