import { readdir, readFile } from 'node:fs/promises'

/** Pids of live processes whose command line mentions `text`, read straight from /proc (independent of the driver's code). */
export async function processesMentioning(text: string): Promise<number[]> {
  const found: number[] = []
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')
    if (cmdline.includes(text)) found.push(Number(name))
  }
  return found
}
