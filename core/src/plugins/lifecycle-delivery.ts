import { pluginSessionDisabled, pluginSessionEnabled, sessionDeleted } from '../bus/core-events.ts'

/**
 * Lifecycle events a plugin receives whatever its switch for the session says: `session.deleted`
 * reaches every plugin (each may hold rows of that session), and `plugin.session.enabled` /
 * `plugin.session.disabled` reach the plugin they are about (when it is switched off, it is off
 * before the event is handled, yet it is the one that must hear it).
 */
export function reachesRegardlessOfEnablement(pluginId: string, eventName: string, payload: unknown): boolean {
  if (eventName === sessionDeleted.name) return true
  if (eventName !== pluginSessionDisabled.name && eventName !== pluginSessionEnabled.name) return false
  return typeof payload === 'object' && payload !== null && (payload as { pluginId?: unknown }).pluginId === pluginId
}
