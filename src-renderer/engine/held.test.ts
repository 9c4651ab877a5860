import { describe, expect, it } from 'vitest'
import { HeldStreams } from './held.js'

function streams() {
  const held = new HeldStreams()
  const seen: string[] = []
  const report = (name: string) => held.report(() => seen.push(name))
  return { held, seen, report }
}

describe('HeldStreams', () => {
  it('reports at once while no description is being applied', () => {
    const { seen, report } = streams()
    report('camera')
    expect(seen).toEqual(['camera'])
  })

  it('holds what an offer brings past an empty queue until the last candidate came', () => {
    const { held, seen, report } = streams()
    held.described()
    report('camera')
    report('screen')
    held.idle() // the answer is out; candidates are still on their way
    expect(seen).toEqual([])
    held.candidatesIn()
    expect(seen).toEqual([]) // not while signals are still queued
    held.idle()
    expect(seen).toEqual(['camera', 'screen'])
    report('later')
    expect(seen).toEqual(['camera', 'screen', 'later'])
  })

  it('releases once the connection is up, whatever is still queued', () => {
    const { held, seen, report } = streams()
    held.described()
    report('camera')
    held.connected(true)
    expect(seen).toEqual(['camera'])
  })

  it('does not wait for candidates on a connection that is up (a renegotiation)', () => {
    const { held, seen, report } = streams()
    held.connected(true)
    held.described()
    report('screen')
    expect(seen).toEqual([])
    held.idle()
    expect(seen).toEqual(['screen'])
  })

  it('waits for candidates again after the connection was lost, and after each new description', () => {
    const { held, seen, report } = streams()
    held.candidatesIn()
    held.connected(true)
    held.connected(false)
    held.described() // an ICE restart's offer: the candidates before it do not count
    report('screen')
    held.idle()
    expect(seen).toEqual([])
    held.candidatesIn()
    held.idle()
    expect(seen).toEqual(['screen'])
  })
})
