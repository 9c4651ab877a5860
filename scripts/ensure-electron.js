// Makes sure the Electron binary is there before electron-vite starts the desktop app, and says
// plainly what to do when it cannot be. Run by `npm start` and `npm run dev`, and by CI before the
// Electron suite: node scripts/ensure-electron.js
//
// Why this exists: Electron 45 no longer downloads its binary in a postinstall step. Its package
// has an `install-electron` bin (install.js, which downloads through @electron/get, unzips into
// node_modules/electron/dist/ and writes path.txt), and its index.js runs that installer lazily on
// `require('electron')`. electron-vite 6 never requires electron: it reads path.txt itself and
// fails with "Error: Electron uninstall" when it is missing. So a fresh `npm install && npm start`
// stopped there. This script runs Electron's own installer instead of downloading anything itself.
//
// Electron is looked up from the working directory, where npm runs scripts (the project root). The
// decisions (plan, explain, describeFailure) are pure functions, exported for the tests in
// tests/integration/ensure-electron.test.ts; types in ensure-electron.d.ts.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

/**
 * Reads what electron-vite would launch and what Electron's package offers, without requiring
 * electron (its index.js would start a download). `installer` is the absolute path of the
 * `install-electron` bin, `requiredNode` the package's engines.node (Electron 45: ">= 22.12.0").
 */
export function inspect(projectDir, env, nodeVersion) {
  const facts = { nodeVersion, skipDownload: env.ELECTRON_SKIP_BINARY_DOWNLOAD || undefined }
  let manifestPath
  try {
    manifestPath = createRequire(join(projectDir, 'package.json')).resolve('electron/package.json')
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') throw error
    return { ...facts, electron: undefined, binary: { state: 'missing' } }
  }
  const packageDir = dirname(manifestPath)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const installerBin = manifest.bin?.['install-electron']
  return {
    ...facts,
    electron: {
      dir: packageDir,
      version: String(manifest.version),
      requiredNode: manifest.engines?.node,
      installer: installerBin ? resolve(packageDir, installerBin) : undefined,
    },
    binary: findBinary(packageDir, env),
  }
}

/**
 * The binary the way electron-vite finds it: ELECTRON_EXEC_PATH if set, else the file path.txt
 * names under dist/. Electron's installer writes path.txt last, after unzipping.
 */
export function findBinary(packageDir, env) {
  if (env.ELECTRON_EXEC_PATH) {
    const path = env.ELECTRON_EXEC_PATH
    return existsSync(path) ? { state: 'present', path } : { state: 'exec-path-missing', path }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return { state: 'missing' }
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { state: 'present', path } : { state: 'missing' }
}

/**
 * The lowest Node a `>= X.Y.Z` engines range allows, as [major, minor, patch]; undefined for any
 * other form (then nothing is refused up front and the installer speaks for itself).
 */
export function minimumNode(range) {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range ?? '')
  if (!match) return undefined
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)]
}

/** True when a Node version such as "20.20.2" is at least `minimum` ([major, minor, patch]). */
export function isAtLeast(version, minimum) {
  const parts = version.replace(/^v/, '').split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const have = parts[i] ?? 0
    if (have !== minimum[i]) return have > minimum[i]
  }
  return true
}

/**
 * What to do, from the facts `inspect` gathered: nothing, run the installer, or stop for a reason
 * that `explain` turns into a message. A set ELECTRON_SKIP_BINARY_DOWNLOAD (any non-empty value) is
 * a choice this script respects; Electron 45's install.js no longer reads it, so it is checked here.
 */
export function plan(facts) {
  if (!facts.electron) return { action: 'stop', reason: 'no-electron' }
  if (facts.binary.state === 'present') return { action: 'none' }
  if (facts.binary.state === 'exec-path-missing') {
    return { action: 'stop', reason: 'exec-path-missing' }
  }
  if (facts.skipDownload) return { action: 'stop', reason: 'skipped' }
  if (!facts.electron.installer) return { action: 'stop', reason: 'no-installer' }
  const minimum = minimumNode(facts.electron.requiredNode)
  if (minimum && !isAtLeast(facts.nodeVersion, minimum)) {
    return { action: 'stop', reason: 'node-too-old' }
  }
  return { action: 'install' }
}

/** The one message for a reason `plan` stopped at, or for a failed install (`detail`: its error). */
export function explain(reason, facts, detail) {
  const electron = facts.electron ? `Electron ${facts.electron.version}` : 'Electron'
  const missing = `${electron}'s binary is not installed, so the desktop app cannot start.`
  switch (reason) {
    case 'no-electron':
      return 'The electron package is not installed. Run `npm install`, then try again.'
    case 'exec-path-missing':
      return (
        `ELECTRON_EXEC_PATH is set to ${facts.binary.path}, which does not exist. Point it at an ` +
        `${electron} executable, or unset it to use the one in node_modules/electron.`
      )
    case 'skipped':
      return (
        `${missing} ELECTRON_SKIP_BINARY_DOWNLOAD=${facts.skipDownload} is set, which says not to ` +
        'download it. Unset ELECTRON_SKIP_BINARY_DOWNLOAD and try again, or set ELECTRON_EXEC_PATH ' +
        `to an ${electron} executable.`
      )
    case 'no-installer':
      return (
        `${missing} node_modules/electron has no install-electron installer. Delete ` +
        'node_modules/electron, run `npm install`, then try again.'
      )
    case 'node-too-old':
      return (
        `${missing} Its installer needs Node ${facts.electron?.requiredNode?.trim()}, and this is ` +
        `Node ${facts.nodeVersion}. The server and the tests run on Node 20.19+, but installing the ` +
        'desktop app needs that newer Node: switch to it (for example `nvm use 22`) and try again.'
      )
    case 'offline':
      return (
        `Could not download ${electron}'s binary: the network is unreachable (${detail}). ` +
        'Try again with network access, or set ELECTRON_MIRROR to a mirror you can reach.'
      )
    case 'install-failed':
      return (
        `${electron}'s installer failed (${detail}). Delete node_modules/electron, run ` +
        '`npm install`, then try again.'
      )
    default:
      throw new Error(`no message for ${reason}`)
  }
}

// Node's fetch says only "fetch failed" when the host is unreachable; the others are socket codes.
const NETWORK_ERRORS =
  /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH/

/**
 * Why the installer failed, from what it printed: its first line that is not a Node warning
 * (install.js prints `err.stack`, whose first line is the error), and whether that line says the
 * network was unreachable.
 */
export function describeFailure(output) {
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '' && !/^\(node:\d+\)|^\(Use `node --trace/.test(text))
  const detail = line ?? 'it printed nothing'
  return { reason: NETWORK_ERRORS.test(detail) ? 'offline' : 'install-failed', detail }
}

/**
 * Runs Electron's installer with this Node, as Electron's index.js does. Its stderr is captured so
 * a failure is reported as one line, not a stack trace.
 */
function runInstaller(facts) {
  console.log(`Downloading Electron ${facts.electron.version}'s binary (about 100 MB)…`)
  const result = spawnSync(process.execPath, [facts.electron.installer], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (result.error) return { reason: 'install-failed', detail: result.error.message }
  if (result.signal) return { reason: 'install-failed', detail: `stopped by ${result.signal}` }
  if (result.status !== 0) return describeFailure(result.stderr ?? '')
  if (findBinary(facts.electron.dir, process.env).state !== 'present') {
    return { reason: 'install-failed', detail: 'it finished, but path.txt names no binary' }
  }
  return undefined
}

/** Checks, installs if needed, and returns the process exit code. */
export function main() {
  const facts = inspect(process.cwd(), process.env, process.versions.node)
  const next = plan(facts)
  if (next.action === 'none') return 0
  if (next.action === 'stop') {
    console.error(`noom: ${explain(next.reason, facts)}`)
    return 1
  }
  const failure = runInstaller(facts)
  if (failure) {
    console.error(`noom: ${explain(failure.reason, facts, failure.detail)}`)
    return 1
  }
  console.log(`Electron ${facts.electron.version} is installed.`)
  return 0
}

// Run only when executed (node scripts/ensure-electron.js), not when a test imports the functions.
if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) {
  try {
    process.exitCode = main()
  } catch (error) {
    // An unreadable package.json or the like: still one line, never a stack trace.
    console.error(`noom: could not check Electron's binary: ${error?.message ?? error}`)
    process.exitCode = 1
  }
}
