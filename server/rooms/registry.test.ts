import { describe, expect, it } from 'vitest'
import { RoomRegistry, type Member } from './registry.js'

const member = (id: string): Member => ({
  id,
  nickname: id,
  media: { audio: false, video: false, screen: false },
  socketId: `s-${id}`,
  token: `t-${id}`,
  role: 'member',
  address: `a-${id}`,
  skeleton: id,
})
const open = { visibility: 'public', passwordHash: null, admission: 'open' } as const

describe('RoomRegistry', () => {
  it('seats members up to capacity and answers full beyond it without changing the room', () => {
    const registry = new RoomRegistry({ capacity: 2, historySize: 3, historyMaxChars: 100 })
    const room = registry.create('r', open)
    expect(registry.addMember(room, member('a'))).toBe('ok')
    expect(registry.addMember(room, member('b'))).toBe('ok')
    expect(registry.addMember(room, member('c'))).toBe('full')
    expect([...room.members.keys()]).toEqual(['a', 'b'])
  })

  it('makes the first member host, refuses a look-alike nickname, and hands over to the longest-seated', () => {
    const registry = new RoomRegistry({ capacity: 8, historySize: 3, historyMaxChars: 100 })
    const room = registry.create('r', open)
    for (const id of ['a', 'b', 'c']) registry.addMember(room, member(id))
    expect(registry.addMember(room, { ...member('d'), skeleton: 'b' })).toBe('taken')
    expect([...room.members.values()].map((m) => m.role)).toEqual(['host', 'member', 'member'])
    const removal = registry.removeMember('r', 'a')
    expect(removal?.promoted?.id).toBe('b')
    expect(room.members.get('b')?.role).toBe('host')
    expect(registry.removeMember('r', 'c')?.promoted).toBeNull()
    expect(registry.removeMember('r', 'b')?.emptied).toBe(true)
  })

  it('removes a room when its last member leaves', () => {
    const registry = new RoomRegistry({ capacity: 8, historySize: 3, historyMaxChars: 100 })
    const room = registry.create('r', open)
    registry.addMember(room, member('a'))
    registry.addMember(room, member('b'))
    registry.removeMember('r', 'a')
    expect(registry.get('r')).toBe(room)
    registry.removeMember('r', 'b')
    expect(registry.get('r')).toBeUndefined()
    expect(registry.removeMember('r', 'b')).toBeUndefined()
  })

  it('refuses to create a room that exists, and gives each incarnation its own key', () => {
    const registry = new RoomRegistry({ capacity: 8, historySize: 3, historyMaxChars: 100 })
    const first = registry.create('r', open)
    expect(() => registry.create('r', open)).toThrow()
    registry.addMember(first, member('a'))
    registry.removeMember('r', 'a')
    expect(registry.create('r', open).key).not.toBe(first.key)
    expect(registry.create('k', { ...open, key: 'given' }).key).toBe('given')
  })

  it('keeps only the newest messages', () => {
    const registry = new RoomRegistry({ capacity: 8, historySize: 3, historyMaxChars: 100 })
    const room = registry.create('r', open)
    for (const n of [1, 2, 3, 4, 5]) {
      registry.addMessage(room, { id: `${n}`, from: 'a', nickname: 'a', text: `${n}`, ts: n })
    }
    expect(room.history.map((m) => m.text)).toEqual(['3', '4', '5'])
  })

  it('keeps no more text than historyMaxChars, dropping the oldest messages first', () => {
    const registry = new RoomRegistry({ capacity: 8, historySize: 100, historyMaxChars: 100 })
    const room = registry.create('r', open)
    const say = (text: string) =>
      registry.addMessage(room, { id: text, from: 'a', nickname: 'a', text, ts: 0 })
    say('a'.repeat(40))
    say('b'.repeat(40))
    say('c'.repeat(40))
    expect(room.history.map((m) => m.text[0])).toEqual(['b', 'c'])
    say('d'.repeat(100))
    expect(room.history.map((m) => m.text[0])).toEqual(['d'])
  })

  it('lists public rooms only, fullest first then by name, capped', () => {
    const registry = new RoomRegistry({ capacity: 8, historySize: 3, historyMaxChars: 100 })
    const add = (name: string, n: number, spec: Parameters<RoomRegistry['create']>[1] = open) => {
      const room = registry.create(name, spec)
      for (let i = 0; i < n; i++) registry.addMember(room, member(`${name}${i}`))
    }
    add('b', 1)
    add('a', 1)
    add('big', 3)
    add('hidden', 5, { ...open, visibility: 'private' })
    add('locked', 2, { ...open, passwordHash: 'scrypt$…' })
    expect(registry.publicSummaries(10)).toEqual([
      { name: 'big', participants: 3, capacity: 8, locked: false, admission: 'open' },
      { name: 'locked', participants: 2, capacity: 8, locked: true, admission: 'open' },
      { name: 'a', participants: 1, capacity: 8, locked: false, admission: 'open' },
      { name: 'b', participants: 1, capacity: 8, locked: false, admission: 'open' },
    ])
    expect(registry.publicSummaries(2).map((r) => r.name)).toEqual(['big', 'locked'])
    expect(registry.memberCount).toBe(12)
  })
})
