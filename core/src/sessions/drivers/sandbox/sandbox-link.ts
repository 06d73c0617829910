import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * How a sandbox session links, kept in the session's own folder (where whatsapp-web keeps its
 * LocalAuth login). No file: the session links by itself at start (the default). `linked: false`:
 * it shows a QR code until someone scans it. `linked: true`: it was scanned and stays linked across
 * restarts of the session and of WaQtor, until it is logged out or deleted.
 */
export interface SandboxLink {
  linked: boolean
  linkedAt: string | null
}

const linkFile = (sessionDir: string) => path.join(sessionDir, 'sandbox-link.json')

export async function readSandboxLink(sessionDir: string): Promise<SandboxLink | undefined> {
  let text: string
  try {
    text = await readFile(linkFile(sessionDir), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const stored = JSON.parse(text) as Partial<SandboxLink>
  return { linked: stored.linked === true, linkedAt: typeof stored.linkedAt === 'string' ? stored.linkedAt : null }
}

/** Writes the link state whole (a rename), so a crash never leaves half a file. */
export async function writeSandboxLink(sessionDir: string, link: SandboxLink): Promise<void> {
  await mkdir(sessionDir, { recursive: true })
  const file = linkFile(sessionDir)
  await writeFile(`${file}.tmp`, JSON.stringify(link))
  await rename(`${file}.tmp`, file)
}
