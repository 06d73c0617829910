import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { FromReceiver, ToReceiver } from './receiver-process.ts'

type Stats = Extract<FromReceiver, { type: 'stats' }>

/** Talks to the receiver child process. */
export class RemoteReceiver {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(): Promise<RemoteReceiver> {
    const child = fork(fileURLToPath(new URL('./receiver-process.ts', import.meta.url)), [], { execArgv: ['--conditions=waqtor-source', '--import', 'tsx'] })
    const ready = await next(child, 'ready')
    return new RemoteReceiver(child, (ready as Extract<FromReceiver, { type: 'ready' }>).url)
  }

  async command(type: Exclude<ToReceiver['type'], 'stats'>): Promise<void> {
    const done = next(this.child, 'done')
    this.child.send({ type })
    await done
  }

  async stats(): Promise<Stats> {
    const reply = next(this.child, 'stats')
    this.child.send({ type: 'stats' })
    return (await reply) as Stats
  }

  stop(): void {
    this.child.disconnect()
  }
}

function next(child: ChildProcess, type: FromReceiver['type']): Promise<FromReceiver> {
  return new Promise((resolve) => {
    const listener = (message: FromReceiver) => {
      if (message.type !== type) return
      child.off('message', listener)
      resolve(message)
    }
    child.on('message', listener)
  })
}
