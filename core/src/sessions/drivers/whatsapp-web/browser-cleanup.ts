import { findByArgument, killTree } from './process-tree.ts'

/**
 * Finding and killing a session's Chromium by its profile folder: every Chromium process carries
 * `--user-data-dir=<profile>`, and the folder is unique to the session. This also finds a browser that
 * puppeteer launched but has not handed to whatsapp-web.js yet, or one left by an earlier crash.
 */
function profileArgument(profileDir: string): string {
  return `--user-data-dir=${profileDir}`
}

/** The browser's main process: the one using the profile whose parent does not. */
export async function browserRootPid(profileDir: string): Promise<number | null> {
  const processes = await findByArgument(profileArgument(profileDir))
  const pids = new Set(processes.map((entry) => entry.pid))
  return processes.find((entry) => !pids.has(entry.ppid))?.pid ?? null
}

/**
 * Kills every process using the profile, each with its descendants; returns how many it killed. Found
 * by profile rather than by a remembered pid, which the system may have reused once the browser exited.
 */
export async function killBrowserProcesses(profileDir: string): Promise<number> {
  let killed = 0
  for (const entry of await findByArgument(profileArgument(profileDir))) killed += (await killTree(entry.pid)).length
  return killed
}
