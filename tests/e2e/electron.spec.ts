/**
 * The desktop app itself, launched from the build with Playwright's `_electron`. It needs an
 * Electron binary, which cannot be downloaded on every machine: without one the suite skips with
 * one printed reason, and the same behaviour is covered below it (vitest against a fake electron,
 * the renderer in Chromium). With NOOM_REQUIRE_ELECTRON=1 (CI, which installs the binary) a missing
 * binary fails the run instead, so the suite cannot skip there unnoticed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { expectVideoFrom, openMember } from './call/fixtures.js'

const repo = resolve(import.meta.dirname, '../..')
const mainEntry = resolve(repo, 'out/main/index.js')

const HOW_TO_GET_ONE =
  'run `node scripts/ensure-electron.js` (Node 22.12+, with network), or set ELECTRON_EXEC_PATH to ' +
  'an Electron 45 executable'

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
    skip: `Electron binary not installed: ${HOW_TO_GET_ONE}`,
  }
}

const electronBinary = findElectron()
const executablePath = 'path' in electronBinary ? electronBinary.path : undefined

if ('skip' in electronBinary && process.env['NOOM_REQUIRE_ELECTRON'] === '1') {
  // Thrown while the file is collected, which fails the run before any test could skip.
  throw new Error(
    `NOOM_REQUIRE_ELECTRON=1, but the Electron suite cannot run. ${electronBinary.skip}`,
  )
}
// Reporters list a skipped test without its reason; say it once, when the file is collected.
if ('skip' in electronBinary) console.log(`[electron] skipped: ${electronBinary.skip}`)
test.skip('skip' in electronBinary, 'skip' in electronBinary ? electronBinary.skip : '')
test.describe.configure({ mode: 'serial' })

/** Launches the built app with a fresh profile (settings, window bounds) of its own. */
async function launch(extraArgs: string[] = []): Promise<{ app: ElectronApplication; page: Page }> {
  if (!existsSync(mainEntry)) {
    throw new Error('No out/main/index.js: run `npx electron-vite build` first.')
  }
  const profile = mkdtempSync(join(tmpdir(), 'noom-electron-'))
  // Without a dev server URL, main serves the built renderer on app://noom.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
    ),
  )
  const app = await electron.launch({
    executablePath,
    args: [
      // Chromium refuses to start as root (containers, CI) unless its OS sandbox is off. The
      // renderer sandbox and context isolation, which these tests check, are not affected.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--use-fake-device-for-media-stream',
      `--user-data-dir=${profile}`,
      mainEntry,
      ...extraArgs,
    ],
    env,
  })
  app.on('close', () => rmSync(profile, { recursive: true, force: true }))
  const page = await app.firstWindow()
  await expect(page.getByRole('heading', { level: 1, name: 'Noom' })).toBeVisible()
  return { app, page }
}

test('the page runs on app://noom with only the bridge, no Node', async () => {
  const { app, page } = await launch()
  try {
    const surface = await page.evaluate(() => ({
      origin: location.origin,
      bridge: Object.keys((globalThis as unknown as { noom: object }).noom).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }))
    expect(surface).toEqual({
      origin: 'app://noom',
      bridge: [
        'allowServer',
        'answerScreenPick',
        'getHostStatus',
        'getInfo',
        'getMediaAccess',
        'getSettings',
        'notify',
        'onDeepLink',
        'onHostStatus',
        'onScreenPick',
        'openMediaAccessSettings',
        'requestMediaAccess',
        'setBadgeCount',
        'setCallState',
        'setSettings',
        'startHost',
        'stopHost',
      ],
      require: 'undefined',
      process: 'undefined',
    })
    const info = await page.evaluate(() =>
      (globalThis as unknown as { noom: { getInfo(): Promise<unknown> } }).noom.getInfo(),
    )
    expect(info).toMatchObject({ platform: process.platform })
    // The page's CSP came from main: a host that is neither the app, this computer nor the
    // user's server is refused by connect-src (a violation event, not merely a network error).
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (event) => resolve(event.effectiveDirective),
            { once: true },
          )
          void fetch('https://example.com/').catch(() => {})
        }),
    )
    expect(violated).toBe('connect-src')
  } finally {
    await app.close()
  }
})

test('a new user joins a call on the built-in server, a browser guest joins them, and the screen picker shares a screen', async ({
  browser,
}) => {
  test.slow()
  const { app, page } = await launch()
  try {
    // The built-in server is the default: running, and already in the server field.
    const hostPanel = page.getByRole('region', { name: 'Host on this computer' })
    await expect(hostPanel.getByRole('status')).toContainText('Running')
    const server = await page.getByLabel('Server address').inputValue()
    expect(server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

    await page.getByLabel('Your name').fill('Desk')
    await page.getByLabel('Room name').fill('electron-room')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Join', exact: true }).click()

    // The built-in server also serves the web app, so a guest can join from a browser, with the
    // access key main gave the page (the links the app shares carry it).
    const { accessKey } = await page.evaluate(() =>
      (
        globalThis as unknown as { noom: { getHostStatus(): Promise<{ accessKey: string }> } }
      ).noom.getHostStatus(),
    )
    const guest = await openMember(browser, server, {
      nickname: 'Guest',
      room: 'electron-room',
      key: accessKey,
    })
    await expectVideoFrom(page, 'Guest')
    await expectVideoFrom(guest.page, 'Desk')

    // Screen share goes through main's display-media handler and the in-app picker.
    await page.getByRole('button', { name: 'Share screen' }).click()
    const picker = page.getByRole('dialog', { name: 'Choose what to share' })
    await expect(picker).toBeVisible()
    await picker.getByRole('radio').first().click()
    await picker.getByRole('button', { name: 'Share', exact: true }).click()
    await expect(picker).toBeHidden()
    await expect(guest.page.getByRole('figure', { name: "Desk's screen" })).toBeVisible()
    await guest.context.close()
  } finally {
    await app.close()
  }
})

test('a noom:// link on the command line opens the lobby at its room', async () => {
  const { app, page } = await launch(['noom://join/linked-room'])
  try {
    await expect(page.getByLabel('Room name')).toHaveValue('linked-room')
  } finally {
    await app.close()
  }
})
