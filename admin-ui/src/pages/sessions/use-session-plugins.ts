import { computed, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { api } from '../../api/client.ts'
import type { PluginInfo, SessionPluginState } from '../../api/types.ts'
import { useAsyncData } from '../../composables/use-async-data.ts'
import type { SchemaValues } from '../../components/json-schema-form/index.ts'

export type { SessionPluginState }

/** With its name, description and status from the plugin list, when that could be read. */
export interface SessionPlugin extends SessionPluginState {
  info: PluginInfo | null
}

/**
 * What applies to each setting this session leaves unset: the effective value of the settings it
 * does not set (for those it sets, what lies beneath is not known; the schema default stands in).
 */
export function inheritedSettings(effective: SchemaValues, own: SchemaValues): SchemaValues {
  const result: SchemaValues = {}
  for (const [key, value] of Object.entries(effective)) {
    const mine = own[key]
    if (mine === undefined) result[key] = value
    else if (isObject(value) && isObject(mine)) result[key] = inheritedSettings(value, mine)
  }
  return result
}

function isObject(value: unknown): value is SchemaValues {
  return !!value && typeof value === 'object' && !Array.isArray(value)
}

/** The session-scoped plugins of a session, with what the plugin list says about each. */
export function useSessionPlugins(clientId: MaybeRefOrGetter<string>) {
  const data = useAsyncData(
    async (signal) => {
      const path = `sessions/${encodeURIComponent(toValue(clientId))}/plugins`
      const [own, catalogue] = await Promise.all([
        api.get<{ items: SessionPluginState[] }>(path, undefined, signal),
        // Names and descriptions only dress the list: without them the ids still do.
        api.get<{ items: PluginInfo[] }>('plugins', undefined, signal).catch(() => ({ items: [] as PluginInfo[] })),
      ])
      const infos = new Map(catalogue.items.map((plugin) => [plugin.id, plugin]))
      return own.items.map((item) => ({ ...item, info: infos.get(item.pluginId) ?? null }))
    },
    { immediate: false },
  )
  watch(() => toValue(clientId), () => void data.reload(), { immediate: true })

  const plugins = computed(() => data.data.value ?? [])

  /** Takes the answer of a PUT as the plugin's new state. */
  function replace(state: SessionPluginState): void {
    data.data.value = plugins.value.map((plugin) => (plugin.pluginId === state.pluginId ? { ...plugin, ...state } : plugin))
  }

  return { plugins, loading: data.loading, error: data.error, reload: data.reload, replace }
}
