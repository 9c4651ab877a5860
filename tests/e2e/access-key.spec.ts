/**
 * A server with an access key (what the desktop app's built-in server is), in real Chromium: guests
 * whose browsers open the host's link (`/?room=…&key=…`) join and can pass the key on in their own
 * invite; a browser that opens the bare address is told why it cannot list the rooms.
 */
import { expect, expectParticipants, test } from './call/fixtures.js'

const KEY = 'q3Zx_8N-0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456'

test.use({ serverOptions: { accessKey: KEY } })

test('guests with the host’s link join; without the key the lobby says why', async ({
  page,
  rendezvous,
  member,
}) => {
  await page.goto(`${rendezvous.url}/?room=keyed`)
  await expect(page.getByRole('status')).toHaveText(
    `Only people with its host’s invite link can join ${rendezvous.url}.`,
  )

  const ann = await member({ nickname: 'Ann', room: 'keyed', key: KEY })
  const bo = await member({ nickname: 'Bo', room: 'keyed', key: KEY })
  await expectParticipants(ann.page, ['Ann', 'Bo'])
  await expectParticipants(bo.page, ['Bo', 'Ann'])
  // The invite to the call carries the key, so whoever is given it can join too.
  await expect(ann.page.getByRole('button', { name: 'Copy invite link' })).toHaveAttribute(
    'title',
    `${rendezvous.url}/?room=keyed&key=${KEY}`,
  )
})
