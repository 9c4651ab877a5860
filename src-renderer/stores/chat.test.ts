import { describe, expect, it, vi } from 'vitest'
import type { ChatMessage } from '../../protocol/index.js'
import { ChatStore } from './chat.svelte.js'

const stamped = (text: string, from = 'me'): ChatMessage => ({
  id: `srv-${text}`,
  from,
  nickname: from === 'me' ? 'Me' : 'Ann',
  text,
  ts: 1_700_000_000_000,
})

describe('ChatStore', () => {
  it('tells its listener about messages from others (for notifications), not about our own', async () => {
    const heard = vi.fn()
    const chat = new ChatStore(heard)
    chat.start('me', [], (text) => Promise.resolve(stamped(text)))
    await chat.send('mine')
    chat.receive(stamped('theirs', 'ann'))
    expect(heard).toHaveBeenCalledExactlyOnceWith(stamped('theirs', 'ann'))
  })

  it('shows a sent message at once, then confirms it with the server copy', async () => {
    const chat = new ChatStore()
    let release: (m: ChatMessage) => void = () => undefined
    chat.start(
      'me',
      [],
      (text) => new Promise((resolve) => (release = () => resolve(stamped(text)))),
    )
    const sending = chat.send('hello')
    expect(chat.lines).toMatchObject([
      { kind: 'message', text: 'hello', status: 'sending', mine: true },
    ])
    release(stamped('hello'))
    await sending
    expect(chat.lines).toMatchObject([
      { id: 'srv-hello', nickname: 'Me', status: 'sent', mine: true },
    ])
  })

  it('marks a failed send instead of losing it, and sends it again on retry', async () => {
    const chat = new ChatStore()
    let fail = true
    chat.start('me', [], (text) =>
      fail ? Promise.reject(new Error('offline')) : Promise.resolve(stamped(text)),
    )
    await chat.send('are you there?')
    const [line] = chat.lines
    expect(line).toMatchObject({ status: 'failed', text: 'are you there?' })
    fail = false
    await chat.retry(line!.id)
    expect(chat.lines).toMatchObject([{ status: 'sent', id: 'srv-are you there?' }])
  })

  it('counts unread messages (not join or leave lines) only while closed; opening clears them', () => {
    const chat = new ChatStore()
    chat.start('me', [stamped('old', 'ann')], (t) => Promise.resolve(stamped(t)))
    expect(chat.unread).toBe(0)
    chat.receive(stamped('hi', 'ann'))
    chat.system('joined', 'Bob')
    expect(chat.unread).toBe(1)
    chat.setOpen(true)
    expect(chat.unread).toBe(0)
    chat.receive(stamped('again', 'ann'))
    expect(chat.unread).toBe(0)
    expect(chat.lines.map((l) => l.kind)).toEqual(['message', 'message', 'system', 'message'])
  })

  it('recognises its own messages in the history by id', () => {
    const chat = new ChatStore()
    chat.start('me', [stamped('mine'), stamped('theirs', 'ann')], (t) =>
      Promise.resolve(stamped(t)),
    )
    expect(chat.lines.map((l) => l.kind === 'message' && l.mine)).toEqual([true, false])
  })

  it('ignores blank messages', async () => {
    const chat = new ChatStore()
    chat.start('me', [], (t) => Promise.resolve(stamped(t)))
    await chat.send('   ')
    expect(chat.lines).toEqual([])
  })
})
