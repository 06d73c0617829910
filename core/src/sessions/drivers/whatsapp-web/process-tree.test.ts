import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { descendantsOf, findByArgument, isAlive, killTree, parseStat, treeMemory, waitForExit } from './process-tree.ts'

const spawned: ChildProcess[] = []

/** `sh` with two `sleep` children; each run gets its own marker argument so it can be found by command line. */
function sleepTree(marker: string): ChildProcess {
  const child = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait', marker], { stdio: 'ignore' })
  spawned.push(child)
  return child
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

afterEach(() => {
  for (const child of spawned.splice(0)) child.kill('SIGKILL')
})

describe('parseStat', () => {
  it('reads the parent pid after a command name with spaces and parentheses', () => {
    expect(parseStat(42, '42 (Web Content (x)) S 7 42 42 0 -1 4194560')).toEqual({ pid: 42, ppid: 7, state: 'S' })
  })
})

describe('process tree (Linux /proc)', () => {
  it('lists the descendants of a real process tree with their memory', async () => {
    const root = sleepTree('tree-list')
    const descendants = await eventually(() => descendantsOf(root.pid!), (pids) => (pids?.length ?? 0) >= 2)
    expect(descendants).toHaveLength(2)
    const memory = await treeMemory(root.pid!)
    expect(memory?.processes).toBe(3)
    expect(memory?.rssBytes).toBeGreaterThan(0)
  })

  it('kills the whole tree, leaving no process behind', async () => {
    const root = sleepTree('tree-kill')
    const descendants = await eventually(() => descendantsOf(root.pid!), (pids) => (pids?.length ?? 0) >= 2)
    const killed = await killTree(root.pid!)
    expect(killed.sort()).toEqual([root.pid!, ...descendants!].sort())
    expect(await waitForExit([root.pid!, ...descendants!], 0)).toEqual([])
    for (const pid of descendants!) expect(await isAlive(pid)).toBe(false)
  })

  it('finds processes by a whole command-line argument', async () => {
    const root = sleepTree('--marker=find-me')
    await eventually(() => isAlive(root.pid!), Boolean)
    expect((await findByArgument('--marker=find-me')).map((entry) => entry.pid)).toEqual([root.pid])
    expect(await findByArgument('--marker=find')).toEqual([])
  })

  it('does nothing for a process that is gone', async () => {
    const root = sleepTree('tree-gone')
    await killTree(root.pid!)
    expect(await killTree(root.pid!)).toEqual([])
    expect(await treeMemory(root.pid!)).toBeNull()
  })
})
