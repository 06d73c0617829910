import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import semver from 'semver'
import type { EntitySchema } from '@mikro-orm/core'
import { coreEntities } from '../db/entities/index.ts'
import type { Logger } from '../logging/create-logger.ts'
import { isPluginDefinition } from './define-plugin.ts'
import { discoverPlugins, type DiscoveryInput } from './discover-plugins.ts'
import { PluginConfigValidator } from './plugin-config.ts'
import { PluginError } from './plugin-error.ts'
import { readManifest } from './plugin-manifest.ts'
import { validateSessionData } from './session-data.ts'
import { failRecord, type PluginRecord } from './plugin-record.ts'
import { sortPlugins } from './sort-plugins.ts'
import { checkPluginDeclarations } from './declarations/check-plugin-declarations.ts'
import { discoverPluginEntities } from './declarations/discover-plugin-entities.ts'

export interface LoadPluginsInput extends DiscoveryInput {
  kernelVersion: string
  disabled: string[]
  settings: Record<string, Record<string, unknown>>
  logger: Logger
}

/**
 * Discovery -> manifest validation -> duplicate, engine and dependency checks -> settings
 * validation -> import of the server entry. Returns every plugin, refused ones marked `failed`,
 * in dependency order; no plugin code runs before its manifest has passed.
 */
export async function loadPlugins(input: LoadPluginsInput): Promise<{ records: PluginRecord[]; problems: PluginError[] }> {
  const { found, errors: problems } = discoverPlugins(input)
  const records: PluginRecord[] = []
  const byId = new Map<string, PluginRecord>()

  for (const plugin of found) {
    const record: PluginRecord = { id: path.basename(plugin.dir), dir: plugin.dir, source: plugin.source, status: 'loaded', rawConfig: {}, config: {}, disposers: [] }
    records.push(record)
    try {
      record.manifest = readManifest(plugin.dir)
      record.id = record.manifest.id
    } catch (error) {
      failRecord(record, error as PluginError)
      continue
    }
    const existing = byId.get(record.id)
    if (existing) {
      failRecord(record, new PluginError('PLUGIN_DUPLICATE_ID', record.id, `is installed twice: ${existing.dir} and ${record.dir}; the second is refused`, { dirs: [existing.dir, record.dir] }))
      continue
    }
    byId.set(record.id, record)
  }

  const candidates = records.filter((record) => record.status === 'loaded')
  for (const record of candidates) {
    if (input.disabled.includes(record.id)) record.status = 'disabled'
  }
  const enabled = candidates.filter((record) => record.status === 'loaded')
  const { order, refused } = sortPlugins(enabled.map((record) => record.manifest!))
  for (const [id, error] of refused) {
    const record = byId.get(id)
    if (record) failRecord(record, withDisabledHint(error, input.disabled))
  }

  // Entities MikroORM would refuse fail their plugin here, not the kernel when the database opens.
  const acceptedEntities: EntitySchema[] = [...coreEntities]
  for (const manifest of order) {
    const record = byId.get(manifest.id)!
    if (dependencyFailed(record, byId)) continue
    await prepare(record, input)
    const entities = record.status === 'loaded' ? (record.definition?.entities ?? []) : []
    const refused = await discoverPluginEntities(record.id, entities, acceptedEntities)
    if (refused) failRecord(record, refused)
    else acceptedEntities.push(...entities)
  }

  const rank = new Map(order.map((manifest, index) => [manifest.id, index]))
  records.sort((a, b) => (rank.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.id) ?? Number.MAX_SAFE_INTEGER))
  return { records, problems }
}

async function prepare(record: PluginRecord, input: LoadPluginsInput): Promise<void> {
  const manifest = record.manifest!
  const range = manifest.engines.waqtor
  if (!semver.validRange(range) || !semver.satisfies(input.kernelVersion, range, { includePrerelease: true })) {
    failRecord(record, new PluginError('PLUGIN_ENGINE_MISMATCH', record.id, `needs WaQtor ${range} but this kernel is ${input.kernelVersion}`, { field: 'engines.waqtor' }))
    return
  }
  record.validator = new PluginConfigValidator(manifest.configSchema)
  record.rawConfig = input.settings[record.id] ?? {}
  const checked = record.validator.check(record.rawConfig, `plugins.${record.id}`)
  if (!checked.ok) {
    const summary = checked.issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')
    failRecord(record, new PluginError('PLUGIN_CONFIG_INVALID', record.id, `invalid settings: ${summary}`, checked.issues.map((issue) => ({ ...issue }))))
    return
  }
  record.config = checked.value
  if (!manifest.server) return
  const entry = path.join(record.dir, manifest.server)
  if (!existsSync(entry)) {
    failRecord(record, new PluginError('PLUGIN_ENTRY_NOT_FOUND', record.id, `server entry ${entry} does not exist`, { field: 'server' }))
    return
  }
  try {
    const loaded = (await import(pathToFileURL(entry).href)) as { default?: unknown }
    if (!isPluginDefinition(loaded.default)) {
      failRecord(record, new PluginError('PLUGIN_ENTRY_INVALID', record.id, `${manifest.server} must default-export definePlugin({ register, start?, stop? })`, { field: 'server' }))
      return
    }
    record.definition = loaded.default
  } catch (error) {
    input.logger.error({ err: error, plugin: record.id }, 'plugin failed to load')
    failRecord(record, new PluginError('PLUGIN_LOAD_FAILED', record.id, `importing ${manifest.server} failed: ${(error as Error).message}`, { field: 'server' }, error))
    return
  }
  const refused = checkPluginDeclarations(record.id, record.definition)
  if (refused) {
    failRecord(record, refused)
    return
  }
  const prefix = `${record.id.replaceAll('-', '_')}_`
  for (const entity of record.definition.entities ?? []) {
    const tableName = entity.meta.tableName ?? entity.meta.collection
    if (!tableName?.startsWith(prefix)) {
      failRecord(record, new PluginError('PLUGIN_ENTITY_TABLE_PREFIX', record.id, `entity ${entity.meta.className} uses table "${tableName}"; plugin tables must start with "${prefix}"`, { field: 'entities' }))
      return
    }
  }
  try {
    validateSessionData(record.id, record.definition.sessionData)
  } catch (error) {
    failRecord(record, error as PluginError)
  }
}

function dependencyFailed(record: PluginRecord, byId: Map<string, PluginRecord>): boolean {
  for (const dependencyId of Object.keys(record.manifest?.dependencies ?? {})) {
    const dependency = byId.get(dependencyId)
    if (dependency && dependency.status !== 'loaded') {
      const why = dependency.status === 'disabled' ? 'is disabled' : `failed (${dependency.error?.code ?? 'unknown'})`
      failRecord(record, new PluginError('PLUGIN_DEPENDENCY_FAILED', record.id, `its dependency "${dependencyId}" ${why}`, { dependency: dependencyId }))
      return true
    }
  }
  return false
}

function withDisabledHint(error: PluginError, disabled: string[]): PluginError {
  if (error.code !== 'PLUGIN_DEPENDENCY_MISSING') return error
  const missing = disabled.find((id) => error.message.includes(`"${id}"`))
  return missing ? new PluginError('PLUGIN_DEPENDENCY_FAILED', error.pluginId, `its dependency "${missing}" is disabled`, { dependency: missing }) : error
}
