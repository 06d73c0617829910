import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '../api/client.ts'
import type { PluginInfo } from '../api/types.ts'
import type { AdminModule, LocalizedText } from '../modules/admin-module.ts'
import { pagePath } from '../modules/module-routes.ts'
import { loadPluginModules, type PluginModuleFailure } from '../modules/plugin-modules.ts'
import { useAuthStore } from './auth-store.ts'

export interface MenuEntry {
  key: string
  to: string
  routeName: string
  title: LocalizedText
  icon: string
  isNew: boolean
  section: 'core' | 'plugins'
}

const coreModuleFiles = import.meta.glob<{ default: AdminModule }>('../modules/core/*.ts', { eager: true })

/** The panel's own modules, in menu order. */
export const coreModules: AdminModule[] = Object.values(coreModuleFiles)
  .map((file) => file.default)
  .sort((a, b) => (a.order ?? 50) - (b.order ?? 50))

/** Core and plugin admin modules, and the side menu they make for the signed-in user. */
export const useModulesStore = defineStore('modules', () => {
  const plugins = ref<PluginInfo[]>([])
  const pluginModules = shallowRef<AdminModule[]>([])
  const failures = ref<PluginModuleFailure[]>([])
  const loaded = ref(false)

  async function loadPlugins(): Promise<AdminModule[]> {
    const answer = await api.get<{ items: PluginInfo[] }>('plugins')
    plugins.value = answer.items
    const result = await loadPluginModules(answer.items)
    pluginModules.value = result.modules.sort((a, b) => (a.order ?? 500) - (b.order ?? 500))
    failures.value = result.failures
    for (const failure of result.failures) console.error(`admin module of plugin ${failure.pluginId} not loaded: ${failure.message}`)
    loaded.value = true
    return pluginModules.value
  }

  function reset(): void {
    loaded.value = false
  }

  const menu = computed<MenuEntry[]>(() => {
    const auth = useAuthStore()
    const entries = (modules: AdminModule[], section: MenuEntry['section']) =>
      modules.flatMap((module) =>
        module.routes
          .filter((page) => page.menu && auth.hasRole(page.roles))
          .map((page) => ({
            key: `${module.id}:${page.name}`,
            // A page with optional parameters (/messages/:clientId?/:chatId?) is linked without them.
            to: pagePath(module, page, section === 'plugins').replace(/\/:[^/]+\?/g, '') || '/',
            routeName: page.name,
            title: page.title,
            icon: page.icon ?? module.icon ?? 'pi pi-circle',
            isNew: page.isNew ?? false,
            section,
          })),
      )
    return [...entries(coreModules, 'core'), ...entries(pluginModules.value, 'plugins')]
  })

  return { plugins, pluginModules, failures, loaded, loadPlugins, reset, menu }
})
