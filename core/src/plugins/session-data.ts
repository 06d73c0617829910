import { PluginError } from './plugin-error.ts'

/** What happens to a plugin's rows of a session when that session is deleted. */
export type SessionDataPolicy = 'delete' | 'keep'

/**
 * One table of a plugin holding rows keyed by a session, declared in `definePlugin({ sessionData })`.
 * With `delete`, the kernel removes the rows whose `column` equals the deleted session's id, whether
 * or not the plugin is on for that session (or even started); `keep` documents that they stay.
 */
export interface SessionDataDeclaration {
  /** One of the plugin's own tables (named `<id with underscores>_…`). */
  table: string
  /** The column holding the session id (`session_id`). */
  column: string
  onSessionDeleted: SessionDataPolicy
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Checks a definition's `sessionData` before any of the plugin's code runs further; throws
 * `PLUGIN_SESSION_DATA_INVALID` naming the plugin and the field (`sessionData[1].column`).
 */
export function validateSessionData(pluginId: string, value: unknown): SessionDataDeclaration[] {
  if (value === undefined) return []
  const fail = (field: string, message: string): never => {
    throw new PluginError('PLUGIN_SESSION_DATA_INVALID', pluginId, `${field} ${message}`, { field, issues: [{ field, message }] })
  }
  if (!Array.isArray(value)) return fail('sessionData', 'must be an array of { table, column, onSessionDeleted }')
  const prefix = `${pluginId.replaceAll('-', '_')}_`
  const seen = new Set<string>()
  return value.map((entry: unknown, index) => {
    const at = `sessionData[${index}]`
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail(at, 'must be an object { table, column, onSessionDeleted }')
    const { table, column, onSessionDeleted, ...rest } = entry as Record<string, unknown>
    const unknownKey = Object.keys(rest)[0]
    if (unknownKey !== undefined) fail(`${at}.${unknownKey}`, 'is not an allowed field (table, column, onSessionDeleted)')
    if (typeof table !== 'string' || !identifier.test(table)) fail(`${at}.table`, 'must be a lowercase SQL table name')
    if (!(table as string).startsWith(prefix)) fail(`${at}.table`, `"${String(table)}" is not the plugin's own table: it must start with "${prefix}"`)
    if (typeof column !== 'string' || !identifier.test(column)) fail(`${at}.column`, 'must be a lowercase SQL column name (e.g. "session_id")')
    if (onSessionDeleted !== 'delete' && onSessionDeleted !== 'keep') fail(`${at}.onSessionDeleted`, 'must be "delete" or "keep"')
    const key = `${String(table)}.${String(column)}`
    if (seen.has(key)) fail(`${at}.table`, `declares ${key} twice`)
    seen.add(key)
    return { table: table as string, column: column as string, onSessionDeleted: onSessionDeleted as SessionDataPolicy }
  })
}
