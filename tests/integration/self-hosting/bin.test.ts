// `npx noom-server`: the package's bin, packed with the built server, says plainly when the server
// is not built and prints its usage when it is.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { read, repo } from '../../support/deploy-files.js'

describe('the noom-server command', () => {
  const pkg = z
    .object({
      bin: z.record(z.string(), z.string()),
      files: z.array(z.string()),
      scripts: z.record(z.string(), z.string()),
    })
    .parse(JSON.parse(read('package.json')))
  const builtCli = resolve(repo, 'out/server/server/cli.js')

  it('is the package bin, packed with the built server and web app, built before packing', () => {
    expect(pkg.bin['noom-server']).toBe('bin/noom-server.js')
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'out/server/', 'out/renderer/']))
    expect(pkg.scripts.prepack).toBe('npm run build')
    // The bin loads what tsc -p tsconfig.server.json writes.
    expect(read('bin/noom-server.js')).toContain("'../out/server/server/cli.js'")
    const tsconfig = z
      .object({ compilerOptions: z.object({ rootDir: z.string(), outDir: z.string() }) })
      .parse(JSON.parse(read('tsconfig.server.json')))
    expect(tsconfig.compilerOptions).toMatchObject({ rootDir: '.', outDir: 'out/server' })
  })

  it('says plainly that the server is not built, where it is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'noom-bin-'))
    try {
      const bin = join(dir, 'bin', 'noom-server.js')
      mkdirSync(dirname(bin))
      copyFileSync(resolve(repo, 'bin/noom-server.js'), bin)
      const run = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain('the server is not built yet; run `npm run build:server` first')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  const notBuilt = existsSync(builtCli) ? null : 'out/server is not built (npm run build:server)'
  if (notBuilt) console.warn(`Skipping node bin/noom-server.js --help: ${notBuilt}`)

  it.skipIf(notBuilt !== null)('node bin/noom-server.js --help exits 0 with the usage', () => {
    const run = spawnSync(process.execPath, [resolve(repo, 'bin/noom-server.js'), '--help'], {
      encoding: 'utf8',
      timeout: 15_000,
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Usage: noom-server/)
  })
})
