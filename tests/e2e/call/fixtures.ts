/**
 * Fixtures for call suites: a real rendezvous server serving the built renderer (restartable on the
 * same port with the same secret, as a real deployment restarts) and members, each a browser context
 * of its own that goes through the lobby and the device check like a person would.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test'
import { createRendezvousServer, type RendezvousServer } from '../../../server/index.js'
import type { RendezvousOptions } from '../../../server/options.js'
import { openMoreOptions } from '../lobby-form.js'

export { expect }

const staticDir = resolve(import.meta.dirname, '../../../out/renderer')

export interface Rendezvous {
  url: string
  /** Kills the server (no goodbye) and starts a new one on the same port with the same secret. */
  restart(): Promise<void>
  /** Stops it for good. */
  stop(): Promise<void>
}

export interface Member {
  page: Page
  context: BrowserContext
  nickname: string
}

export interface JoinAs {
  nickname: string
  room: string
  password?: string
  /** A new room is unlisted unless this says 'public' (ticks "List the room…"). */
  visibility?: 'public' | 'private'
  /** Stop on the device check instead of joining. */
  stopAtDeviceCheck?: boolean
  /** Server address typed into the lobby (defaults to the page's own server). */
  server?: string
  /** Tick "Ask to join" (a new room then admits people only when a host lets them in). */
  askToJoin?: boolean
  /** Tick the lobby's relay-only box (media only through the server's TURN relay). */
  relayOnly?: boolean
  /** Runs in the page before any of its scripts, as `context.addInitScript` does. */
  initScript?: () => void
  /** The access key a desktop app's built-in server shares in its links (`&key=`). */
  key?: string
}

interface CallFixtures {
  /** Options for the server, set with test.use({ serverOptions }). */
  serverOptions: RendezvousOptions
  rendezvous: Rendezvous
  /** Opens a member's page and walks it into the call (or to the device check). */
  member: (as: JoinAs) => Promise<Member>
}

async function start(
  options: RendezvousOptions,
  port = 0,
): Promise<{ server: RendezvousServer; url: string }> {
  const server = createRendezvousServer({
    host: '127.0.0.1',
    logLevel: 'silent',
    staticDir,
    secret: 'e2e-secret-that-survives-restarts',
    ...options,
    port,
  })
  const { url } = await server.listen()
  return { server, url }
}

export async function openMember(browser: Browser, url: string, as: JoinAs): Promise<Member> {
  const context = await browser.newContext()
  if (as.initScript) await context.addInitScript(as.initScript)
  const page = await context.newPage()
  const key = as.key === undefined ? '' : `&key=${encodeURIComponent(as.key)}`
  await page.goto(`${url}/?room=${encodeURIComponent(as.room)}${key}`)
  await page.getByLabel('Your name').fill(as.nickname)
  if (
    as.server !== undefined ||
    as.password ||
    as.visibility === 'public' ||
    as.relayOnly ||
    as.askToJoin
  ) {
    await openMoreOptions(page)
  }
  if (as.server !== undefined) await page.getByLabel('Server address').fill(as.server)
  if (as.password) await page.getByLabel(/^Password/).fill(as.password)
  if (as.visibility === 'public')
    await page.getByRole('checkbox', { name: /^List the room/ }).check()
  if (as.askToJoin) await page.getByRole('checkbox', { name: /^Ask to join/ }).check()
  if (as.relayOnly) {
    await page.getByRole('checkbox', { name: /^Send media only through the server relay/ }).check()
  }
  await page.getByRole('button', { name: 'Continue' }).click()
  if (!as.stopAtDeviceCheck) {
    await page.getByRole('button', { name: 'Join', exact: true }).click()
  }
  return { page, context, nickname: as.nickname }
}

export const test = base.extend<CallFixtures>({
  serverOptions: [{}, { option: true }],

  rendezvous: async ({ serverOptions }, use) => {
    if (!existsSync(resolve(staticDir, 'index.html'))) {
      throw new Error(`No built renderer in ${staticDir}: run \`npm run build\` first.`)
    }
    let current = await start(serverOptions)
    const port = Number(new URL(current.url).port)
    await use({
      get url() {
        return current.url
      },
      restart: async () => {
        // close() without shutdown(): no notice, connections just drop, as in a crash.
        await current.server.close()
        current = await start(serverOptions, port)
      },
      stop: () => current.server.close(),
    })
    await current.server.close()
  },

  member: async ({ browser, rendezvous }, use) => {
    const contexts: BrowserContext[] = []
    await use(async (as) => {
      const member = await openMember(browser, rendezvous.url, as)
      contexts.push(member.context)
      return member
    })
    await Promise.all(contexts.map((c) => c.close()))
  },
})

/** The camera tile of `nickname` on `page` (the self tile reads "name (you)"). */
export function tileOf(page: Page, nickname: string) {
  return page
    .locator('figure.tile.camera')
    .filter({ has: page.locator('.name').getByText(nickname, { exact: true }) })
}

/** Waits until `page` shows `nickname`'s video decoding frames at a real size. */
export async function expectVideoFrom(page: Page, nickname: string): Promise<void> {
  const video = tileOf(page, nickname).locator('video')
  // Connecting, negotiating and the first keyframe take a few seconds on a loaded two-core machine.
  await expect
    .poll(
      () =>
        video.evaluate(
          (v: HTMLVideoElement & { webkitDecodedFrameCount?: number }) =>
            v.videoWidth > 0 && (v.webkitDecodedFrameCount ?? 0) > 0,
        ),
      { timeout: 20_000 },
    )
    .toBe(true)
}

/** True once the remote audio of `nickname` on `page` carries sound (the fake mic beeps). */
export async function expectAudioFrom(page: Page, nickname: string): Promise<void> {
  const audio = tileOf(page, nickname).locator('audio')
  const heard = await audio.evaluate(async (element: HTMLAudioElement) => {
    const stream = element.srcObject
    if (!(stream instanceof MediaStream) || stream.getAudioTracks().length === 0) return false
    const context = new AudioContext()
    await context.resume()
    const analyser = context.createAnalyser()
    context.createMediaStreamSource(stream).connect(analyser)
    const samples = new Float32Array(analyser.fftSize)
    try {
      // The beep comes about once a second; listen for up to ten.
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100))
        analyser.getFloatTimeDomainData(samples)
        if (samples.some((s) => Math.abs(s) > 0.01)) return true
      }
      return false
    } finally {
      void context.close()
    }
  })
  expect(heard).toBe(true)
}

/** Waits until `page` shows the call with exactly these nicknames in camera tiles. */
export async function expectParticipants(page: Page, nicknames: string[]): Promise<void> {
  await expect(page.locator('figure.tile.camera')).toHaveCount(nicknames.length)
  for (const name of nicknames) {
    await expect(
      page
        .locator('figure.tile.camera .name')
        .filter({ hasText: new RegExp(`^${name}( \\(you\\))?$`) }),
    ).toHaveCount(1)
  }
}
