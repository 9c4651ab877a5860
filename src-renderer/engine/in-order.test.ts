import { describe, expect, it } from 'vitest'
import { InOrder } from './in-order.js'

function gate() {
  const seen: string[] = []
  const errors: unknown[] = []
  const inOrder = new InOrder((err) => errors.push(err))
  let open: () => void = () => {}
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { inOrder, seen, errors, wait, open: () => open() }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('InOrder', () => {
  it('handles events at once while nothing is held', () => {
    const { inOrder, seen } = gate()
    inOrder.run(() => seen.push('a'))
    inOrder.after(null, () => seen.push('b'))
    expect(seen).toEqual(['a', 'b'])
  })

  it('holds what comes after a waiting event until it is done, in order', async () => {
    const { inOrder, seen, wait, open } = gate()
    inOrder.after(wait, () => seen.push('joined'))
    inOrder.run(() => seen.push('signal'))
    inOrder.run(() => seen.push('left'))
    await settle()
    expect(seen).toEqual([])
    open()
    await settle()
    expect(seen).toEqual(['joined', 'signal', 'left'])
    inOrder.run(() => seen.push('now'))
    expect(seen).toEqual(['joined', 'signal', 'left', 'now'])
  })

  it('drops what is held when closed', async () => {
    const { inOrder, seen, wait, open } = gate()
    inOrder.after(wait, () => seen.push('joined'))
    inOrder.close()
    open()
    await settle()
    inOrder.run(() => seen.push('late'))
    expect(seen).toEqual([])
  })

  it('reports an event that throws and goes on with the next', async () => {
    const { inOrder, seen, errors, wait, open } = gate()
    inOrder.after(wait, () => {
      throw new Error('boom')
    })
    inOrder.run(() => seen.push('next'))
    open()
    await settle()
    expect(errors).toHaveLength(1)
    expect(seen).toEqual(['next'])
  })
})
