import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const repo = resolve(import.meta.dirname, '../..')
const mainEntry = resolve(repo, 'out/main/index.js')

const HOW_TO_GET_ONE =
  'set ELECTRON_EXEC_PATH to an Electron 45 executable, or run `node node_modules/electron/install.js` ' +
  'on a machine that may download it'

/**
 * The Electron binary, found the way electron's own index.js does it but without require('electron')
 * (which throws when the binary was never downloaded): ELECTRON_EXEC_PATH, else the file that
 * node_modules/electron/path.txt names under node_modules/electron/dist/.
 */
function findElectron(): { path: string } | { skip: string } {
  const fromEnv = process.env['ELECTRON_EXEC_PATH']
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { path: fromEnv }
      : { skip: `ELECTRON_EXEC_PATH=${fromEnv} does not exist (${HOW_TO_GET_ONE})` }
  }
  const pkgDir = resolve(repo, 'node_modules/electron')
  const pathFile = resolve(pkgDir, 'path.txt')
  const binary = existsSync(pathFile)
    ? resolve(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    : null
  if (binary && existsSync(binary)) return { path: binary }
  return {
    skip: `Electron binary not installed (npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1): ${HOW_TO_GET_ONE}`,
  }
}

const electronBinary = findElectron()
const executablePath = 'path' in electronBinary ? electronBinary.path : undefined

// Reporters list a skipped test without its reason; say it once, when the file is collected.
if ('skip' in electronBinary) console.log(`[electron] skipped: ${electronBinary.skip}`)
test.skip('skip' in electronBinary, 'skip' in electronBinary ? electronBinary.skip : '')

test('the desktop app shows Noom and gives the page only the bridge', async () => {
  if (!existsSync(mainEntry))
    throw new Error('No out/main/index.js: run `npx electron-vite build` first.')
  // Without a dev server URL, main loads the built renderer.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
    ),
  )
  const app = await electron.launch({
    executablePath,
    // Chromium refuses to start as root (containers, CI) unless its OS sandbox is off. That does not
    // touch what this test checks: context isolation and the page's view of the bridge.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainEntry],
    env,
  })
  try {
    const page = await app.firstWindow()
    await expect(page.getByRole('heading', { level: 1, name: 'Noom' })).toBeVisible()

    const surface = await page.evaluate(() => ({
      bridge: Object.keys((globalThis as unknown as { noom: object }).noom).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }))
    expect(surface).toEqual({ bridge: ['getInfo'], require: 'undefined', process: 'undefined' })

    const info = await page.evaluate(() =>
      (globalThis as unknown as { noom: { getInfo(): Promise<unknown> } }).noom.getInfo(),
    )
    expect(info).toMatchObject({ platform: process.platform })
  } finally {
    await app.close()
  }
})
