import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { KernelCommand, KernelReply } from './protocol.ts'

const script = fileURLToPath(new URL('./kernel-process.ts', import.meta.url))

/** A kernel in a child process, driven over IPC. */
export class KernelChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly admin: { email: string; password: string },
  ) {}

  static async start(env: Record<string, string> = {}): Promise<KernelChild> {
    const child = fork(script, [], {
      // BENCH_CPU_PROF=<dir> writes a CPU profile of the kernel, to see where its time goes.
      execArgv: ['--conditions=waqtor-source', '--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const started = await next(child)
    if (started.type !== 'started') throw new Error(`the bench kernel did not start: ${JSON.stringify(started)}`)
    return new KernelChild(child, started.url, { email: started.email, password: started.password })
  }

  async ask<T extends KernelReply['type']>(command: KernelCommand, expected: T): Promise<Extract<KernelReply, { type: T }>> {
    const answer = next(this.child)
    this.child.send(command)
    const reply = await answer
    if (reply.type !== expected) throw new Error(`bench kernel answered ${JSON.stringify(reply)} to ${command.type}`)
    return reply as Extract<KernelReply, { type: T }>
  }

  async stop(): Promise<void> {
    await this.ask({ type: 'stop' }, 'stopped')
    await new Promise<void>((resolve) => (this.child.exitCode === null ? this.child.once('exit', () => resolve()) : resolve()))
  }
}

function next(child: ChildProcess): Promise<KernelReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the bench kernel exited (code ${code})`))
    child.once('exit', onExit)
    child.once('message', (message) => {
      child.off('exit', onExit)
      resolve(message as KernelReply)
    })
  })
}
