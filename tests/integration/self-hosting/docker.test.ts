// The Dockerfile held to what docs/self-hosting.md promises of the image: built in one stage and run
// from another on a supported Node, production dependencies and the built server only, an
// unprivileged user and no secret baked in; its health check works against a real server. Docker
// itself is not run here: the file is read as text.
import { spawn } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { meaningful, read } from '../../support/deploy-files.js'
import { startServer, stopAll } from '../../support/harness.js'

/** A Dockerfile's instructions, continuation lines joined, comments dropped, by stage. */
function dockerStages(text: string): { name: string; from: string; lines: string[] }[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  const stages: { name: string; from: string; lines: string[] }[] = []
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line)
    if (from) stages.push({ from: from[1] ?? '', name: from[2] ?? '', lines: [] })
    else stages.at(-1)?.lines.push(line)
  }
  return stages
}

describe('Dockerfile', () => {
  const text = read('Dockerfile')
  const stages = dockerStages(text)
  const build = stages.find((stage) => stage.name === 'build')
  const runtime = stages.at(-1)
  const has = (lines: string[] | undefined, pattern: RegExp) =>
    (lines ?? []).some((line) => pattern.test(line))

  afterAll(stopAll)

  it('builds in one stage and runs from another, on a supported Node LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    expect(build).toBeDefined()
    expect(runtime).not.toBe(build)
    const image = /^ARG NODE_IMAGE=node:(\d+)-(bookworm-slim|alpine)/m.exec(text)
    expect(image, 'ARG NODE_IMAGE=node:<major>-bookworm-slim').not.toBeNull()
    // package.json asks for Node 20.19+; 20 itself is past its end of life.
    expect(Number(image?.[1])).toBeGreaterThanOrEqual(22)
  })

  it('installs every dependency without the Electron binary or browsers, then builds', () => {
    expect(has(build?.lines, /ELECTRON_SKIP_BINARY_DOWNLOAD=1/)).toBe(true)
    expect(has(build?.lines, /PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1/)).toBe(true)
    expect(has(build?.lines, /^RUN .*\bnpm ci$/)).toBe(true)
    expect(has(build?.lines, /^RUN npm run build$/)).toBe(true)
  })

  it('ships production dependencies and the built server and web app only', () => {
    expect(has(runtime?.lines, /^RUN .*\bnpm ci --omit=dev\b/)).toBe(true)
    expect(has(runtime?.lines, /^COPY --from=build \/app\/out\/server /)).toBe(true)
    expect(has(runtime?.lines, /^COPY --from=build \/app\/out\/renderer /)).toBe(true)
    expect(has(runtime?.lines, /^COPY (\.|src|server|protocol)\b/)).toBe(false)
  })

  it('runs the server as the unprivileged node user, on 0.0.0.0:3000, with no secret baked in', () => {
    const users = (runtime?.lines ?? []).filter((line) => line.startsWith('USER '))
    expect(users.at(-1)).toBe('USER node')
    expect(has(runtime?.lines, /^ENV .*\bNOOM_HOST=0\.0\.0\.0\b/)).toBe(true)
    expect(has(runtime?.lines, /^EXPOSE 3000$/)).toBe(true)
    expect(runtime?.lines.at(-1)).toBe('CMD ["node", "bin/noom-server.js"]')
    const env = (runtime?.lines ?? []).filter((line) => line.startsWith('ENV ')).join(' ')
    expect(env).not.toMatch(/SECRET|TOKEN|PASSWORD/)
  })

  it('has a HEALTHCHECK on /healthz that passes against a running server and fails without one', async () => {
    const line = (runtime?.lines ?? []).find((l) => l.startsWith('HEALTHCHECK '))
    const command = z
      .array(z.string())
      .parse(JSON.parse(line?.slice(line.indexOf('CMD') + 3) ?? 'null'))
    expect(command.slice(0, 2)).toEqual(['node', '-e'])
    expect(command[2]).toContain('/healthz')
    // Run as Docker would, in a process of its own (the server answers from this one meanwhile).
    const check = (port: number) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, command.slice(1), {
          env: { ...process.env, NOOM_PORT: String(port) },
          stdio: 'ignore',
          timeout: 10_000,
        })
        child.once('exit', (code) => done(code))
      })
    const { url } = await startServer()
    const port = Number(new URL(url).port)
    expect(await check(port)).toBe(0)
    await stopAll()
    expect(await check(port)).toBe(1)
  })

  it('.dockerignore keeps dependencies, build output, git and secrets out of the context', () => {
    const ignored = new Set(meaningful(read('.dockerignore')))
    for (const entry of ['node_modules', 'out', 'dist', '.git', 'test-results', '.env', '**/.env'])
      expect(ignored, entry).toContain(entry)
  })
})
