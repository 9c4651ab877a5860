/**
 * The import boundaries in eslint.config.js, proved on code that breaks them: each wrong import
 * below is linted as if it stood in a real file of that folder, with the project's own config, and
 * must be reported; the right-way-round import beside it must not be.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })

/** The boundary messages eslint gives `code` placed at `filePath`. */
async function boundaryProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

const CASES: { name: string; file: string; wrong: string; right: string }[] = [
  {
    name: 'the engine imports no store',
    file: 'src-renderer/engine/bitrate.ts',
    wrong: "import type { CallStore } from '../stores/call.svelte.js'\nexport type X = CallStore\n",
    right: "import type { Quality } from './types.js'\nexport type X = Quality\n",
  },
  {
    name: 'a store imports no component and not the app controller',
    file: 'src-renderer/stores/chat.svelte.ts',
    wrong: "import type { App } from '../app/app.svelte.js'\nexport type X = App\n",
    right: "import type { CallFailure } from '../engine/types.js'\nexport type X = CallFailure\n",
  },
  {
    name: 'the app controller imports no component',
    file: 'src-renderer/app/session.svelte.ts',
    wrong: "import Lobby from '../components/Lobby.svelte'\nexport const x = Lobby\n",
    right: "import type { ChatLine } from '../stores/chat.svelte.js'\nexport type X = ChatLine\n",
  },
  {
    name: 'lib/ holds pure helpers that import no layer',
    file: 'src-renderer/lib/format.ts',
    wrong: "import type { Quality } from '../engine/types.js'\nexport type X = Quality\n",
    right: "import { LIMITS } from '../../protocol/index.js'\nexport const x = LIMITS\n",
  },
  {
    name: 'the renderer imports no Node builtin',
    file: 'src-renderer/components/quality-text.ts',
    wrong: "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n",
    right: "import type { Quality } from '../engine/types.js'\nexport type X = Quality\n",
  },
  {
    name: 'protocol/ imports only zod',
    file: 'protocol/limits.ts',
    wrong: "import type { Socket } from 'socket.io'\nexport type X = Socket\n",
    right: "import { z } from 'zod'\nexport const x = z\n",
  },
  {
    name: 'the server imports no app code',
    file: 'server/handle.ts',
    wrong: "import type { App } from '../src-renderer/app/app.svelte.js'\nexport type X = App\n",
    right: "import { LIMITS } from '../protocol/index.js'\nexport const x = LIMITS\n",
  },
]

describe('lint boundaries', () => {
  for (const { name, file, wrong, right } of CASES) {
    it(`${name} (${file})`, async () => {
      expect(await boundaryProblems(file, wrong)).toHaveLength(1)
      expect(await boundaryProblems(file, right)).toEqual([])
    }, 120_000)
  }
})
