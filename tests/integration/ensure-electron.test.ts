// scripts/ensure-electron.js, which `npm start` and `npm run dev` run before electron-vite: first its
// decisions as pure functions, then the real script as a child process in throwaway projects. This
// machine cannot download Electron, which is exactly the case whose message matters.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { load } from 'js-yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  describeFailure,
  explain,
  inspect,
  isAtLeast,
  minimumNode,
  plan,
  type Facts,
} from '../../scripts/ensure-electron.js'

const repo = resolve(import.meta.dirname, '../..')
const script = resolve(repo, 'scripts/ensure-electron.js')
const realElectron = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
const { version } = JSON.parse(readFileSync(join(realElectron, 'package.json'), 'utf8')) as {
  version: string
}
const scratch = mkdtempSync(join(tmpdir(), 'noom-ensure-electron-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Facts as `inspect` returns them for Electron 45 without its binary, on Node 22.12. */
function facts(overrides: Partial<Facts> = {}): Facts {
  return {
    nodeVersion: '22.12.0',
    skipDownload: undefined,
    electron: {
      dir: '/p/node_modules/electron',
      version: '45.4.1',
      requiredNode: '>= 22.12.0',
      installer: '/p/node_modules/electron/install.js',
    },
    binary: { state: 'missing' },
    ...overrides,
  }
}

describe('deciding what to do', () => {
  it('does nothing when the binary is there, whatever the variable or the Node', () => {
    const present = { state: 'present', path: '/p/node_modules/electron/dist/electron' } as const
    expect(plan(facts({ binary: present }))).toEqual({ action: 'none' })
    expect(plan(facts({ binary: present, skipDownload: '1', nodeVersion: '20.19.0' }))).toEqual({
      action: 'none',
    })
  })

  it('runs the installer when the binary is missing on a Node the installer supports', () => {
    expect(plan(facts())).toEqual({ action: 'install' })
    expect(plan(facts({ nodeVersion: '23.0.0' }))).toEqual({ action: 'install' })
  })

  it('respects ELECTRON_SKIP_BINARY_DOWNLOAD and says how to undo it', () => {
    const skipped = facts({ skipDownload: '1' })
    expect(plan(skipped)).toEqual({ action: 'stop', reason: 'skipped' })
    const message = explain('skipped', skipped)
    expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set')
    expect(message).toContain('Unset ELECTRON_SKIP_BINARY_DOWNLOAD')
  })

  it('refuses a Node older than the installer declares, and names both Nodes', () => {
    for (const nodeVersion of ['20.19.0', '22.11.9', 'v21.99.0']) {
      expect(plan(facts({ nodeVersion })), nodeVersion).toEqual({
        action: 'stop',
        reason: 'node-too-old',
      })
    }
    const message = explain('node-too-old', facts({ nodeVersion: '20.20.2' }))
    expect(message).toContain('needs Node >= 22.12.0, and this is Node 20.20.2')
    expect(message).toContain('the tests run on Node 20.19+')
  })

  it('stops when there is no electron package, no installer, or ELECTRON_EXEC_PATH points nowhere', () => {
    expect(plan(facts({ electron: undefined }))).toEqual({ action: 'stop', reason: 'no-electron' })
    const electron = { ...facts().electron!, installer: undefined }
    expect(plan(facts({ electron }))).toEqual({ action: 'stop', reason: 'no-installer' })
    const binary = { state: 'exec-path-missing', path: '/nope/electron' } as const
    expect(plan(facts({ binary }))).toEqual({ action: 'stop', reason: 'exec-path-missing' })
    expect(explain('exec-path-missing', facts({ binary }))).toContain('/nope/electron')
  })

  it('reads the lowest Node from a ">=" range, and leaves other ranges to the installer', () => {
    expect(minimumNode('>= 22.12.0')).toEqual([22, 12, 0])
    expect(minimumNode('>=22')).toEqual([22, 0, 0])
    expect(minimumNode('^22.12.0 || >=24')).toBeUndefined()
    expect(minimumNode(undefined)).toBeUndefined()
    const electron = { ...facts().electron!, requiredNode: '^99.0.0' }
    expect(plan(facts({ electron, nodeVersion: '20.19.0' }))).toEqual({ action: 'install' })
    expect(isAtLeast('22.12.0', [22, 12, 0])).toBe(true)
    expect(isAtLeast('22.9.0', [22, 12, 0])).toBe(false)
  })
})

describe("reading the installer's failure", () => {
  it('calls an unreachable network offline, quoting the error line without warnings or stack', () => {
    const printed = [
      '(node:4242) Warning: something unrelated',
      '(Use `node --trace-warnings ...` to show where the warning was created)',
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
    ].join('\n')
    const failure = describeFailure(printed)
    expect(failure).toEqual({ reason: 'offline', detail: 'TypeError: fetch failed' })
    const message = explain(failure.reason, facts(), failure.detail)
    expect(message).toContain('the network is unreachable (TypeError: fetch failed)')
    expect(message).not.toContain('undici')
  })

  it('reports any other error as a failed install with what to do', () => {
    const failure = describeFailure('HTTPError: Response code 404 (Not Found)\n    at x (y.js:1:1)')
    expect(failure).toEqual({
      reason: 'install-failed',
      detail: 'HTTPError: Response code 404 (Not Found)',
    })
    expect(explain(failure.reason, facts(), failure.detail)).toContain('run `npm install`')
    expect(describeFailure('')).toEqual({ reason: 'install-failed', detail: 'it printed nothing' })
  })
})

interface FakeElectron {
  /** engines.node of the package; the real Electron's when omitted. */
  requiredNode?: string
  /** Source of a stand-in `install-electron` bin; the real install.js when omitted. */
  installer?: string
  /** Whether dist/ already holds the binary that path.txt names. */
  installed?: boolean
}

/**
 * A project folder holding a copy of the installed electron package (package.json, install.js and
 * its checksums, @electron/get linked in), without its binary unless asked.
 */
function project(name: string, electron: FakeElectron = {}): string {
  const dir = join(scratch, name)
  const pkg = join(dir, 'node_modules/electron')
  mkdirSync(join(pkg, 'tools'), { recursive: true })
  const manifest = JSON.parse(readFileSync(join(realElectron, 'package.json'), 'utf8')) as {
    engines: { node: string }
    bin: Record<string, string>
  }
  if (electron.requiredNode) manifest.engines.node = electron.requiredNode
  for (const file of ['install.js', 'checksums.json']) {
    copyFileSync(join(realElectron, file), join(pkg, file))
  }
  if (electron.installer !== undefined) {
    // A bin path of its own proves the script runs the bin entry, not a guessed file name.
    manifest.bin['install-electron'] = 'tools/install.js'
    writeFileSync(join(pkg, 'tools/install.js'), electron.installer)
  }
  writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest))
  const get = resolve(
    dirname(createRequire(join(realElectron, 'x.js')).resolve('@electron/get')),
    '..',
  )
  mkdirSync(join(dir, 'node_modules/@electron'), { recursive: true })
  symlinkSync(get, join(dir, 'node_modules/@electron/get'), 'dir')
  if (electron.installed) {
    mkdirSync(join(pkg, 'dist'))
    writeFileSync(join(pkg, 'dist/electron'), '')
    writeFileSync(join(pkg, 'path.txt'), 'electron')
  }
  return dir
}

/** Runs the real script in `dir` with none of this environment's Electron settings. */
function ensure(dir: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/electron/i.test(key)),
  )
  return spawnSync(process.execPath, [script], {
    cwd: dir,
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  })
}

/** Asserts the run failed with one `noom:` line and no stack trace, and returns that line. */
function refusal(result: SpawnSyncReturns<string>): string {
  expect(result.status, result.stderr).toBe(1)
  expect(result.stderr).not.toMatch(/^\s+at /m)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toMatch(/^noom: /)
  return result.stderr
}

describe('the script, run for real', () => {
  it('finds the electron package from the working directory and reads its installer', () => {
    const dir = project('inspect', { installer: '', requiredNode: '>= 22.12.0' })
    const found = inspect(dir, {}, '22.12.0')
    expect(found.electron).toMatchObject({ version, requiredNode: '>= 22.12.0' })
    expect(found.electron?.installer).toBe(join(dir, 'node_modules/electron/tools/install.js'))
    expect(found.binary).toEqual({ state: 'missing' })
  })

  it('says the download was skipped on purpose when ELECTRON_SKIP_BINARY_DOWNLOAD=1', () => {
    // This machine's case: CI sets the variable, and there is no network to download from anyway.
    const result = ensure(project('skipped'), { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
    const message = refusal(result)
    expect(message).toContain(`Electron ${version}'s binary is not installed`)
    expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set')
  })

  it("says the network is unreachable when Electron's real installer cannot download", () => {
    // The copy declares this Node (Electron's own says 22.12) so the installer runs here; the mirror
    // is a closed local port and the cache empty, so no machine can download, with network or not.
    const dir = project('offline', { requiredNode: `>= ${process.versions.node}` })
    const result = ensure(dir, {
      ELECTRON_MIRROR: 'http://127.0.0.1:1/',
      electron_config_cache: join(dir, 'cache'),
    })
    expect(result.stdout).toContain(`Downloading Electron ${version}'s binary`)
    expect(refusal(result)).toContain('the network is unreachable (TypeError: fetch failed)')
  })

  it('refuses a Node older than the electron package declares, before downloading anything', () => {
    const result = ensure(project('old-node', { requiredNode: '>= 999.0.0' }))
    expect(result.stdout).toBe('')
    expect(refusal(result)).toContain(
      `needs Node >= 999.0.0, and this is Node ${process.versions.node}`,
    )
  })

  it('does nothing, silently, when the binary is installed', () => {
    const result = ensure(project('installed', { installed: true }), {
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    })
    expect([result.status, result.stdout, result.stderr]).toEqual([0, '', ''])
  })

  it('reports an unreadable electron package in one line', () => {
    const dir = project('broken')
    writeFileSync(join(dir, 'node_modules/electron/package.json'), '{ not json')
    expect(refusal(ensure(dir))).toMatch(/^noom: could not check Electron's binary: .*package/i)
  })

  it("runs the package's install-electron bin and checks that it left a binary", () => {
    const installer = [
      "const { mkdirSync, writeFileSync } = require('node:fs')",
      "mkdirSync(__dirname + '/../dist', { recursive: true })",
      "writeFileSync(__dirname + '/../dist/electron', '')",
      "writeFileSync(__dirname + '/../path.txt', 'electron')",
    ].join('\n')
    const ok = ensure(project('installs', { requiredNode: '>= 20.0.0', installer }))
    expect([ok.status, ok.stderr]).toEqual([0, ''])
    expect(ok.stdout).toContain(`Electron ${version} is installed.`)

    const noBinary = ensure(
      project('installs-nothing', { requiredNode: '>= 20.0.0', installer: '' }),
    )
    expect(refusal(noBinary)).toContain('it finished, but path.txt names no binary')
  })
})

const workflowSchema = z.object({
  jobs: z.record(
    z.string(),
    z.object({
      env: z.record(z.string(), z.string()).optional(),
      steps: z.array(
        z.object({
          uses: z.string().optional(),
          run: z.string().optional(),
          with: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
    }),
  ),
})

describe('where the check runs', () => {
  it('runs before electron-vite in `npm start` and `npm run dev`', () => {
    const { scripts } = z
      .object({ scripts: z.record(z.string(), z.string()) })
      .parse(JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')))
    expect(scripts['start']).toBe('node scripts/ensure-electron.js && electron-vite preview')
    expect(scripts['dev']).toBe('node scripts/ensure-electron.js && electron-vite dev')
  })

  it('fetches the binary in CI on Node 22 before `npm test`, which then may not skip the Electron suite', () => {
    const workflow = load(readFileSync(resolve(repo, '.github/workflows/installers.yml'), 'utf8'))
    const { jobs } = workflowSchema.parse(workflow)
    const job = Object.values(jobs).find((each) =>
      each.steps.some((step) => /npm test/.test(step.run ?? '')),
    )
    const steps = job?.steps ?? []
    const runs = steps.map((step) => step.run ?? '')
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node'))
    expect(node?.with?.['node-version']).toBe(22)
    expect(job?.env?.['NOOM_REQUIRE_ELECTRON']).toBe('1')
    const ensureStep = runs.indexOf('node scripts/ensure-electron.js')
    expect(ensureStep, 'the check runs after npm ci').toBeGreaterThan(runs.indexOf('npm ci'))
    expect(runs.findIndex((run) => run.includes('npm test'))).toBeGreaterThan(ensureStep)
  })
})
