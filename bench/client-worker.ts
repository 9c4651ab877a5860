/**
 * A client worker: a share of the simulated members, driven phase by phase by server-load.ts over
 * IPC (connect → join → steady → close). Several run side by side so no single client process
 * becomes the bottleneck before the server does.
 */
import { connectAll, joinAll, membersOf, type Member } from './client-join.js'
import { runSteady } from './client-steady.js'
import type { FromWorker, ToWorker } from './messages.js'
import { lastToParent, serveParent, toParent } from './parent-channel.js'

let members: Member[] = []

serveParent<ToWorker>(async (message) => {
  switch (message.type) {
    case 'connect': {
      members = membersOf(message.rooms)
      const result = await connectAll(message.url, members, message.concurrency)
      toParent<FromWorker>({ type: 'connected', result })
      return
    }
    case 'join':
      toParent<FromWorker>({ type: 'joined', result: await joinAll(members, message.window) })
      return
    case 'steady':
      toParent<FromWorker>({ type: 'steadied', result: await runSteady(members, message.spec) })
      return
    case 'close':
      for (const m of members) m.socket?.disconnect()
      members = []
      lastToParent<FromWorker>({ type: 'closed' })
      return
    default: {
      const _exhaustive: never = message
      throw new Error(`unknown message ${JSON.stringify(_exhaustive)}`)
    }
  }
})

toParent<FromWorker>({ type: 'ready' })
