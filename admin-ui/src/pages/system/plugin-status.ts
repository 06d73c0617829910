import type { PluginInfo, PluginStatus } from '../../api/types.ts'

/** Every status a plugin can be in, in the order the filter lists them. */
export const pluginStatuses: PluginStatus[] = ['started', 'failed', 'disabled', 'stopped', 'registered', 'loaded']

type TagSeverity = 'success' | 'danger' | 'secondary' | 'warn' | 'info' | 'contrast'

const severities: Record<PluginStatus, TagSeverity> = {
  started: 'success',
  failed: 'danger',
  disabled: 'secondary',
  stopped: 'warn',
  registered: 'info',
  loaded: 'info',
}

export function statusSeverity(status: PluginStatus): TagSeverity {
  return severities[status]
}

/** Message key of a permission of plugin.schema.json (`messages:send` → `…permission.messages_send`). */
export function permissionKey(permission: string): string {
  return `system.plugins.permission.${permission.replace(/[^a-z0-9]/gi, '_')}`
}

/** Whether a plugin matches the search text (name, id, description, case-insensitive). */
export function matchesSearch(plugin: PluginInfo, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase()
  if (!needle) return true
  return [plugin.name, plugin.id, plugin.description].some((text) => text?.toLocaleLowerCase().includes(needle))
}

/** Failed plugins first (they need attention), then by name. */
export function comparePlugins(a: PluginInfo, b: PluginInfo): number {
  const failed = Number(b.status === 'failed') - Number(a.status === 'failed')
  return failed || (a.name ?? a.id).localeCompare(b.name ?? b.id)
}
