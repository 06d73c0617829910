import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

interface EnsureBuilt {
  ensurePanelBuilt(options: { quiet: boolean }): Promise<{ built: boolean }>
}

/**
 * Builds admin-ui/dist once before the server tests when its sources changed, so the browser tests
 * (which run in parallel files) find a current panel and never build it at the same time. The
 * kernel decides at start whether it serves a panel, so this must happen before any kernel starts.
 */
export default async function buildPanelOnce(): Promise<void> {
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../admin-ui/scripts/ensure-built.mjs')
  const { ensurePanelBuilt } = (await import(pathToFileURL(script).href)) as EnsureBuilt
  await ensurePanelBuilt({ quiet: true })
}
