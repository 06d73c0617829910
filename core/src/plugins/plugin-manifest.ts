import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import type { FieldIssue } from '../errors/app-error.ts'
import { PluginError } from './plugin-error.ts'

export type PluginPermission =
  | 'sessions:read'
  | 'messages:read'
  | 'messages:send'
  | 'contacts:read'
  | 'contacts:write'
  | 'notifications:write'
  | 'http:outbound'
  | 'storage:files'

/** A responder the plugin registers with `plugin.responders.register(id, handler)` (docs/plugin-api/responders.md). */
export interface PluginResponderDeclaration {
  id: string
  /** Lower runs first: 100 opt-out/consent, 200 human agent, 300 active flow, 400 bot, 1000 (default) others. */
  priority?: number
  description?: string
}

export interface PluginEventDeclaration {
  name: string
  description?: string
  public?: boolean
}

/** The parsed `plugin.json`; its shape is defined by /plugin.schema.json. */
export interface PluginManifest {
  id: string
  name: string
  version: string
  description: string
  engines: { waqtor: string }
  dependencies?: Record<string, string>
  scope: 'global' | 'session'
  permissions?: PluginPermission[]
  /** Its tables hold personal data: it must register `plugin.privacy` hooks (docs/plugin-api/privacy.md). */
  personalData?: boolean
  configSchema?: Record<string, unknown>
  contributes?: {
    routes?: boolean
    namespace?: boolean
    adminModule?: boolean
    events?: PluginEventDeclaration[]
    responders?: PluginResponderDeclaration[]
  }
  server?: string
  ui?: string
}

/** Finds plugin.schema.json: in the published package's dist/ (copied by scripts/build.mjs), or at the repository root. */
function locateSchema(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  for (const candidate of ['../plugin.schema.json', '../../../plugin.schema.json']) {
    const file = path.resolve(here, candidate)
    if (existsSync(file)) return file
  }
  throw new Error('plugin.schema.json is missing from the WaQtor installation')
}

export const pluginSchemaPath = locateSchema()

const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: true })
const validate = ajv.compile<PluginManifest>(JSON.parse(readFileSync(pluginSchemaPath, 'utf8')) as object)
const metaSchemaCheck = new Ajv2020({ strict: false })

/** Reads and validates `<dir>/plugin.json`. Errors name the folder and each failing field. */
export function readManifest(dir: string): PluginManifest {
  const file = path.join(dir, 'plugin.json')
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new PluginError('PLUGIN_MANIFEST_INVALID', undefined, `${file} is not valid JSON: ${(error as Error).message}`, { dir })
  }
  const guessedId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined
  if (!validate(raw)) {
    const issues = (validate.errors ?? []).map(toFieldIssue)
    const summary = issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')
    throw new PluginError('PLUGIN_MANIFEST_INVALID', guessedId, `${file}: ${summary}`, { dir, issues })
  }
  if (raw.configSchema && !metaSchemaCheck.validateSchema(raw.configSchema)) {
    const summary = (metaSchemaCheck.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ')
    throw new PluginError('PLUGIN_MANIFEST_INVALID', raw.id, `${file}: configSchema is not a valid JSON Schema: ${summary}`, {
      dir,
      issues: [{ field: 'configSchema', message: summary }],
    })
  }
  for (const event of raw.contributes?.events ?? []) {
    if (!event.name.startsWith(`${raw.id}.`)) {
      throw new PluginError('PLUGIN_MANIFEST_INVALID', raw.id, `${file}: contributes.events: "${event.name}" must start with "${raw.id}."`, {
        dir,
        issues: [{ field: 'contributes.events', message: `"${event.name}" must start with "${raw.id}."` }],
      })
    }
  }
  const responderIds = (raw.contributes?.responders ?? []).map((responder) => responder.id)
  const repeated = responderIds.find((responderId, index) => responderIds.indexOf(responderId) !== index)
  if (repeated !== undefined) {
    throw new PluginError('PLUGIN_MANIFEST_INVALID', raw.id, `${file}: contributes.responders: "${repeated}" is declared twice`, {
      dir,
      issues: [{ field: 'contributes.responders', message: `"${repeated}" is declared twice` }],
    })
  }
  return raw
}

function toFieldIssue(error: ErrorObject): FieldIssue {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty)
    return { field: base ? `${base}.${key}` : key, message: 'is not an allowed field' }
  }
  if (error.keyword === 'required') {
    const key = String((error.params as { missingProperty: string }).missingProperty)
    return { field: base ? `${base}.${key}` : key, message: 'is required' }
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((value) => JSON.stringify(value)).join(', ')
    return { field: base || '(root)', message: `must be one of ${allowed}` }
  }
  return { field: base || '(root)', message: error.message ?? 'is invalid' }
}
