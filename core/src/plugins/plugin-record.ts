import type Router from '@koa/router'
import type { WaqtorState } from '../http/api-context.ts'
import type { PluginDefinition } from './define-plugin.ts'
import type { PluginSource } from './discover-plugins.ts'
import type { PluginManifest } from './plugin-manifest.ts'
import type { PluginConfigValidator } from './plugin-config.ts'
import type { PluginError } from './plugin-error.ts'

export type PluginStatus = 'loaded' | 'registered' | 'started' | 'failed' | 'disabled' | 'stopped'

/** Everything the host knows about one plugin, from discovery to stop. */
export interface PluginRecord {
  /** The manifest id, or the folder name when the manifest could not be read. */
  id: string
  dir: string
  source: PluginSource
  status: PluginStatus
  manifest?: PluginManifest
  error?: PluginError
  definition?: PluginDefinition
  /** Raw global settings from the config file, kept to merge with per-session settings. */
  rawConfig: Record<string, unknown>
  config: Record<string, unknown>
  validator?: PluginConfigValidator
  router?: Router<WaqtorState>
  disposers: Array<() => void | Promise<void>>
}

export function failRecord(record: PluginRecord, error: PluginError): void {
  record.status = 'failed'
  record.error = error
}
