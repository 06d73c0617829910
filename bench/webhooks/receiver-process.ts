/** Runs the bench receiver in its own process, so it does not share the kernel's event loop. */
import { BenchReceiver } from './bench-receiver.ts'

export type ToReceiver = { type: 'reset' | 'down' | 'up' | 'stats' }
export type FromReceiver =
  | { type: 'ready'; url: string }
  | { type: 'done' }
  | { type: 'stats'; seen: number; duplicates: number; delaysMs: number[]; lastArrival: number }

const receiver = new BenchReceiver()
await receiver.listen()
const send = (message: FromReceiver) => process.send?.(message)
send({ type: 'ready', url: receiver.url })

process.on('message', (message: ToReceiver) => {
  void (async () => {
    if (message.type === 'reset') receiver.reset()
    if (message.type === 'down') await receiver.down()
    if (message.type === 'up') await receiver.listen()
    if (message.type === 'stats') {
      send({ type: 'stats', seen: receiver.seen.size, duplicates: receiver.duplicates, delaysMs: receiver.delaysMs, lastArrival: receiver.lastArrival })
      return
    }
    send({ type: 'done' })
  })()
})
process.on('disconnect', () => process.exit(0))
