import type { PluginContext } from '../../plugins/plugin-context.ts'

/**
 * The contexts the fixture plugins were given, by plugin id: the test calls `plugin.messages`
 * exactly as a plugin does. Tests and fixtures share one process.
 */
export function capturedPlugins(): Map<string, PluginContext> {
  const holder = globalThis as typeof globalThis & { waqtorMessagingFixtures?: Map<string, PluginContext> }
  holder.waqtorMessagingFixtures ??= new Map()
  return holder.waqtorMessagingFixtures
}

export function capturedPlugin(id: string): PluginContext {
  const plugin = capturedPlugins().get(id)
  if (!plugin) throw new Error(`fixture plugin ${id} did not register`)
  return plugin
}
