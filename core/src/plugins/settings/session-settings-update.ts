import type { Role } from '../../db/entities/user.ts'
import { AppError, InputError, type FieldIssue } from '../../errors/app-error.ts'
import { canWritePath, deletePath, hasPath, readPath, writePath } from './secret-settings.ts'

export interface SessionSettingsUpdate {
  pluginId: string
  /** Secret paths of the plugin's configSchema (`secretPaths`). */
  secrets: readonly string[]
  /** What the session has stored now, secrets included. */
  stored: Record<string, unknown>
  /** `body.settings`: undefined keeps the stored settings. */
  incoming: Record<string, unknown> | undefined
  /** `body.clearSecrets`: secret paths to remove from this session. */
  clear: readonly string[] | undefined
  role: Role
}

/**
 * The session settings to store after a PUT. A secret left out of `settings` keeps its stored value
 * (the panel never has it, so it cannot send it back); `clearSecrets` removes one. Only admins may
 * set or clear a secret: anyone else gets 403 PLUGIN_SECRET_ADMIN_ONLY naming the field.
 */
export function nextSessionSettings(update: SessionSettingsUpdate): Record<string, unknown> {
  const { pluginId, secrets, stored, incoming, clear = [], role } = update
  const unknown = clear.flatMap((path, index) => (secrets.includes(path) ? [] : [{ field: `body.clearSecrets.${index}`, message: `"${path}" is not a secret setting of plugin "${pluginId}"` }]))
  if (unknown.length > 0) throw InputError.fields(unknown, 'PLUGIN_SECRET_UNKNOWN')
  const both = clear.filter((path) => incoming !== undefined && hasPath(incoming, path))
  if (both.length > 0) {
    throw InputError.fields(both.map((path) => ({ field: `body.settings.${path}`, message: 'is both set and cleared; do one' })), 'PLUGIN_SECRET_CONFLICT')
  }

  const written: FieldIssue[] = [
    ...secrets.filter((path) => incoming !== undefined && hasPath(incoming, path)).map((path) => ({ field: `body.settings.${path}`, message: 'only an admin may set a secret setting' })),
    ...clear.map((path) => ({ field: `body.clearSecrets.${clear.indexOf(path)}`, message: `only an admin may clear the secret setting ${path}` })),
  ]
  if (written.length > 0 && role !== 'admin') {
    throw new AppError('PLUGIN_SECRET_ADMIN_ONLY', `plugin "${pluginId}": only admins may set or clear secret settings: ${written.map((issue) => issue.field).join(', ')}`, {
      status: 403,
      details: written.map((issue) => ({ ...issue })),
    })
  }

  const next = structuredClone(incoming ?? stored)
  if (incoming !== undefined) {
    // A parent replaced by a non-object (`crm: "off"`) is left for validation to name, not overwritten.
    for (const path of secrets) if (!hasPath(incoming, path) && hasPath(stored, path) && canWritePath(next, path)) writePath(next, path, structuredClone(readPath(stored, path)))
  }
  for (const path of clear) deletePath(next, path)
  return next
}
