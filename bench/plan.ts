/**
 * Who joins which room, and which worker carries which room. Whole rooms go to one worker so that a
 * signal's sender and receiver share a process, and hence a clock, for the latency measurement.
 */
import type { RoomPlan } from './messages.js'

/** A small seeded PRNG (mulberry32), so every run of a size builds the same rooms. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Room sizes of 2 to 4 adding up to `members` (at least 2). */
export function roomSizes(members: number, seed = 1): number[] {
  if (!Number.isInteger(members) || members < 2) throw new RangeError('need at least 2 members')
  const next = random(seed)
  const sizes: number[] = []
  let left = members
  while (left > 0) {
    let size = left <= 4 ? left : 2 + Math.floor(next() * 3)
    // Never leave a single member over: they would have nobody to talk to.
    if (left - size === 1) size -= 1
    sizes.push(size)
    left -= size
  }
  return sizes
}

/**
 * Rooms with unique names and nicknames; `talkers` members, spread evenly over all of them, will
 * signal a roommate in the steady phase.
 */
export function buildRooms(members: number, talkers: number, runId: string): RoomPlan[] {
  const wanted = Math.min(talkers, members)
  let index = 0
  return roomSizes(members).map((size, r) => ({
    name: `bench-${runId}-${r}`,
    members: Array.from({ length: size }, () => {
      const i = index++
      // Member i talks when the talker count steps up at i: exactly `wanted`, evenly spaced.
      const talker = Math.floor(((i + 1) * wanted) / members) > Math.floor((i * wanted) / members)
      return { nickname: `m${i}`, talker }
    }),
  }))
}

/** Deals whole rooms to `workers` workers, round robin, so each carries about the same load. */
export function dealRooms(rooms: RoomPlan[], workers: number): RoomPlan[][] {
  const shares: RoomPlan[][] = Array.from({ length: workers }, () => [])
  rooms.forEach((room, i) => shares[i % workers]?.push(room))
  return shares
}
