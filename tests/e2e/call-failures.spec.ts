/** Joins that cannot happen end back in the lobby with a message a person understands. */
import { expect, expectParticipants, test } from './call/fixtures.js'

test.describe('a full room', () => {
  test.use({ serverOptions: { capacity: 2 } })

  test('says the room is full, and the two inside are undisturbed', async ({ member }) => {
    const ann = await member({ nickname: 'Ann', room: 'pair' })
    await member({ nickname: 'Bob', room: 'pair' })
    const cat = await member({ nickname: 'Cat', room: 'pair' })
    await expect(cat.page.getByRole('alert')).toContainText('This room is full.')
    await expect(cat.page.getByLabel('Room name')).toHaveValue('pair')
    await expectParticipants(ann.page, ['Ann', 'Bob'])
  })
})

test('says the server cannot be reached when it is gone by the time of joining', async ({
  member,
  rendezvous,
}) => {
  const ann = await member({ nickname: 'Ann', room: 'late', stopAtDeviceCheck: true })
  await expect(ann.page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled()
  await rendezvous.stop()
  await ann.page.getByRole('button', { name: 'Join', exact: true }).click()
  await expect(ann.page.getByRole('alert')).toContainText("Couldn't reach the server.")
  await expect(ann.page.getByLabel('Your name')).toHaveValue('Ann')
})
