import { readdir, readFile } from 'node:fs/promises'

/**
 * Chromium process trees through /proc (Linux). Elsewhere every function answers null / nothing:
 * memory is then unknown, and stopping relies on puppeteer's own process-group kill.
 */

export interface ProcessEntry {
  pid: number
  ppid: number
  /** 'Z' (zombie) processes are dead, only waiting for their parent to reap them. */
  state: string
}

const procAvailable = process.platform === 'linux'

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    return null
  }
}

/** Parses /proc/<pid>/stat; the command name may contain spaces and parentheses, so split after the last ')'. */
export function parseStat(pid: number, stat: string): ProcessEntry | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ppid = Number(fields[1])
  if (!fields[0] || !Number.isInteger(ppid)) return null
  return { pid, ppid, state: fields[0] }
}

async function readEntry(pid: number): Promise<ProcessEntry | null> {
  const stat = await readText(`/proc/${pid}/stat`)
  return stat === null ? null : parseStat(pid, stat)
}

/** Every live process (zombies excluded), or null without /proc. */
export async function listProcesses(): Promise<ProcessEntry[] | null> {
  if (!procAvailable) return null
  const names = await readdir('/proc').catch(() => null)
  if (!names) return null
  const pids = names.filter((name) => /^\d+$/.test(name)).map(Number)
  const entries = await Promise.all(pids.map(readEntry))
  return entries.filter((entry): entry is ProcessEntry => entry !== null && entry.state !== 'Z' && entry.state !== 'X')
}

/** The live descendants of `rootPid` (children, grandchildren, ...), or null without /proc. */
export async function descendantsOf(rootPid: number): Promise<number[] | null> {
  const processes = await listProcesses()
  if (!processes) return null
  const children = new Map<number, number[]>()
  for (const { pid, ppid } of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid])
  const found: number[] = []
  const queue = [...(children.get(rootPid) ?? [])]
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    found.push(pid)
    queue.push(...(children.get(pid) ?? []))
  }
  return found
}

export async function isAlive(pid: number): Promise<boolean> {
  if (!procAvailable) return false
  const entry = await readEntry(pid)
  return entry !== null && entry.state !== 'Z' && entry.state !== 'X'
}

/** Resident and proportional set size of one process in bytes; PSS shares pages between the processes using them. */
export async function memoryOf(pid: number): Promise<{ rssBytes: number; pssBytes: number | null } | null> {
  const status = await readText(`/proc/${pid}/status`)
  const rssKiB = status?.match(/^VmRSS:\s+(\d+) kB/m)?.[1]
  if (rssKiB === undefined) return null
  const pssKiB = (await readText(`/proc/${pid}/smaps_rollup`))?.match(/^Pss:\s+(\d+) kB/m)?.[1]
  return { rssBytes: Number(rssKiB) * 1024, pssBytes: pssKiB === undefined ? null : Number(pssKiB) * 1024 }
}

/** Memory of a process and all its descendants; null when the root is gone or /proc is missing. */
export async function treeMemory(rootPid: number): Promise<{ rssBytes: number; pssBytes: number | null; processes: number } | null> {
  const descendants = await descendantsOf(rootPid)
  if (!descendants || !(await isAlive(rootPid))) return null
  const usages = (await Promise.all([rootPid, ...descendants].map(memoryOf))).filter((usage) => usage !== null)
  const pss = usages.map((usage) => usage.pssBytes)
  return {
    rssBytes: usages.reduce((sum, usage) => sum + usage.rssBytes, 0),
    pssBytes: pss.every((value) => value !== null) ? pss.reduce((sum, value) => sum + value, 0) : null,
    processes: usages.length,
  }
}

/**
 * Live processes whose command line holds `argument` as a whole argument. Chromium's child processes
 * rewrite their command line into one space-separated string, so both separators count.
 */
export async function findByArgument(argument: string): Promise<ProcessEntry[]> {
  const processes = await listProcesses()
  if (!processes) return []
  const needle = `${argument} `
  const matches = await Promise.all(
    processes.map(async (entry) => {
      const cmdline = await readText(`/proc/${entry.pid}/cmdline`)
      return cmdline !== null && `${cmdline.replaceAll('\0', ' ')} `.includes(needle) ? entry : null
    }),
  )
  return matches.filter((entry) => entry !== null)
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // Already gone (ESRCH), or not ours (EPERM): nothing to do either way.
  }
}

/**
 * SIGKILLs a process and its descendants, then waits (up to `waitMs`) until they are gone. The root is
 * stopped first so it cannot start new children while they are collected, and killed last so the
 * children cannot be reparented away from it before they are found. Returns the pids it signalled.
 */
export async function killTree(rootPid: number, waitMs = 5000): Promise<number[]> {
  if (!procAvailable || !(await isAlive(rootPid))) return []
  signal(rootPid, 'SIGSTOP')
  const killed = new Set<number>()
  for (let round = 0; round < 5; round++) {
    const fresh = ((await descendantsOf(rootPid)) ?? []).filter((pid) => !killed.has(pid))
    if (fresh.length === 0) break
    for (const pid of fresh) {
      signal(pid, 'SIGKILL')
      killed.add(pid)
    }
  }
  signal(rootPid, 'SIGKILL')
  killed.add(rootPid)
  await waitForExit([...killed], waitMs)
  return [...killed]
}

/** Resolves once none of `pids` is alive (zombies count as gone), or after `waitMs`. Returns the ones still alive. */
export async function waitForExit(pids: number[], waitMs: number): Promise<number[]> {
  const deadline = Date.now() + waitMs
  for (;;) {
    const alive = (await Promise.all(pids.map(async (pid) => ((await isAlive(pid)) ? pid : null)))).filter((pid) => pid !== null)
    if (alive.length === 0 || Date.now() >= deadline) return alive
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
