import path from 'node:path'
import type { PluginRecord } from './plugin-record.ts'

/** URL prefix of the plugin admin modules the kernel serves to the panel. */
export const pluginUiPrefix = '/plugin-ui'

export interface ServedAdminModule {
  /** The folder served: the one that holds the manifest's `ui` entry. */
  root: string
  /** URL path of the entry, for the panel's `import()`. */
  entry: string
}

/**
 * The browser-ready admin module of a plugin, when it has one to serve now: a `ui` entry that is
 * JavaScript (`.js`/`.mjs`) inside a folder of the plugin, `contributes.adminModule`, and the
 * plugin started. Entries in `.ts`/`.vue` are compiled into the panel at build time instead; an
 * entry at the plugin's top level is not served, so its server code and files are never exposed.
 */
export function servedAdminModule(record: PluginRecord): ServedAdminModule | undefined {
  const ui = record.manifest?.ui
  if (record.status !== 'started' || !record.manifest?.contributes?.adminModule || !ui || !/\.m?js$/.test(ui)) return undefined
  const folder = path.posix.dirname(ui)
  if (folder === '.') return undefined
  return { root: path.join(record.dir, folder), entry: `${pluginUiPrefix}/${record.id}/${path.posix.basename(ui)}` }
}
