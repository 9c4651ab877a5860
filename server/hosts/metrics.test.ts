import { afterEach, describe, expect, it } from 'vitest'
import {
  connectClient,
  joinedClient,
  nextEvent,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

async function scrape(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text()
}

describe('moderation metrics', () => {
  it('counts knocks by outcome, removals, hand-overs and admission changes', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
    const cat = await joinedClient(url, { room: 'r', nickname: 'Cat' })
    await ann.client.emitWithAck('room:update', { admission: 'knock' })
    const knocker = await connectClient(url)
    const request = nextEvent(ann.client, 'knock:request')
    const held = knocker.emitWithAck('room:join', { room: 'r', nickname: 'Dee' })
    await ann.client.emitWithAck('knock:answer', { id: (await request).id, admit: false })
    await held
    await ann.client.emitWithAck('member:remove', { id: cat.joined.self.id })
    const handed = nextEvent(bob.client, 'peer:updated')
    await ann.client.emitWithAck('room:leave', {})
    await handed
    const text = await scrape(url)
    expect(text).toContain('noom_knocks_total{outcome="denied"} 1')
    expect(text).toContain('noom_knocks_total{outcome="admitted"} 0')
    expect(text).toContain('noom_removals_total 1')
    expect(text).toContain('noom_host_handovers_total 1')
    expect(text).toContain('noom_admission_changes_total{admission="knock"} 1')
    expect(text).toContain('noom_leaves_total{reason="removed"} 1')
  })
})
