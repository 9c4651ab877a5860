import type { Page } from '@playwright/test'

/** Unfolds the lobby's "More options" (server, password, listing, admission, relay), if folded. */
export async function openMoreOptions(page: Page): Promise<void> {
  const more = page.getByRole('button', { name: 'More options' })
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click()
}
