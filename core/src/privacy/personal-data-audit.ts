import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { isPluginDefinition } from '../plugins/define-plugin.ts'
import { readManifest } from '../plugins/plugin-manifest.ts'

export interface PluginTables {
  id: string
  dir: string
  /** Declares entities or migrations, so it keeps rows of its own. */
  hasTables: boolean
  /** The manifest's `personalData`, or undefined when it says nothing. */
  personalData: boolean | undefined
}

/**
 * What each plugin under the given folders keeps: reads every `plugin.json` and imports its
 * server entry to see its entities and migrations. For audits and tests, not the kernel's start.
 */
export async function surveyPluginTables(roots: readonly string[]): Promise<PluginTables[]> {
  const found: PluginTables[] = []
  for (const root of roots) {
    for (const entry of (await readdir(root, { withFileTypes: true })).filter((item) => item.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const dir = path.join(root, entry.name)
      if (!existsSync(path.join(dir, 'plugin.json'))) continue
      const manifest = readManifest(dir)
      let hasTables = false
      if (manifest.server) {
        const loaded = (await import(pathToFileURL(path.join(dir, manifest.server)).href)) as { default?: unknown }
        if (isPluginDefinition(loaded.default)) hasTables = (loaded.default.entities?.length ?? 0) + (loaded.default.migrations?.length ?? 0) > 0
      }
      found.push({ id: manifest.id, dir, hasTables, personalData: manifest.personalData })
    }
  }
  return found
}

/** Plugins with tables whose manifest does not say whether they hold personal data. */
export function undeclaredPersonalData(plugins: readonly PluginTables[]): string[] {
  return plugins.filter((plugin) => plugin.hasTables && plugin.personalData === undefined).map((plugin) => plugin.id)
}
