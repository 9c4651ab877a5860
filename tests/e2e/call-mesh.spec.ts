/** Three members form a full mesh; one leaves and everyone's grid follows; rejoining works. */
import { expect, expectParticipants, expectVideoFrom, test } from './call/fixtures.js'

test('three members form a full mesh, a leave shrinks every grid, and a rejoin restores it', async ({
  member,
}) => {
  test.slow() // three Chromium contexts with video on two cores
  const ann = await member({ nickname: 'Ann', room: 'trio' })
  const bob = await member({ nickname: 'Bob', room: 'trio' })
  const cat = await member({ nickname: 'Cat', room: 'trio' })
  const everyone = [ann, bob, cat]
  for (const m of everyone) await expectParticipants(m.page, ['Ann', 'Bob', 'Cat'])
  for (const viewer of everyone) {
    for (const other of everyone) {
      if (other !== viewer) await expectVideoFrom(viewer.page, other.nickname)
    }
  }

  await bob.page.getByRole('button', { name: 'Leave' }).click()
  await expect(bob.page.getByRole('button', { name: 'Continue' })).toBeVisible()
  await expectParticipants(ann.page, ['Ann', 'Cat'])
  await expectParticipants(cat.page, ['Ann', 'Cat'])
  await ann.page.getByRole('button', { name: /^Chat/ }).click()
  await expect(ann.page.getByRole('log').getByText('Bob left')).toBeVisible()

  // Back from the lobby, with the room still filled in.
  await bob.page.getByRole('button', { name: 'Continue' }).click()
  await bob.page.getByRole('button', { name: 'Join', exact: true }).click()
  for (const m of everyone) await expectParticipants(m.page, ['Ann', 'Bob', 'Cat'])
  await expectVideoFrom(ann.page, 'Bob')
  await expectVideoFrom(bob.page, 'Cat')
})
