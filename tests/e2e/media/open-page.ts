/** Opens one engine page running media.entry.ts, which puts the media engine on `window.media`. */
import type { Page } from '@playwright/test'
import type {} from './media.entry.js'

export async function openMediaPage(
  enginePages: (entry: string) => Promise<Page[]>,
): Promise<Page> {
  const [page] = await enginePages('tests/e2e/media/media.entry.ts')
  if (!page) throw new Error('the engine harness opened no page')
  return page
}
