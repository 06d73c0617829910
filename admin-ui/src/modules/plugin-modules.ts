import type { PluginInfo } from '../api/types.ts'
import type { AdminModule } from './admin-module.ts'

/** Admin modules of the repository's own plugins (plugins/<id>/ui/index.ts), compiled into the panel. */
const bundledModules = import.meta.glob<{ default: AdminModule }>('../../../plugins/*/ui/index.ts')

function bundledLoader(pluginId: string): (() => Promise<{ default: AdminModule }>) | undefined {
  return bundledModules[`../../../plugins/${pluginId}/ui/index.ts`]
}

export interface PluginModuleFailure {
  pluginId: string
  message: string
}

/** Runs import() on a URL the bundler must leave alone (a plugin module served by the kernel). */
function importAtRunTime(url: string): Promise<{ default?: AdminModule }> {
  return import(/* @vite-ignore */ url) as Promise<{ default?: AdminModule }>
}

/**
 * The admin modules of the plugins that are running: compiled-in ones for this repository's
 * plugins, and browser-ready modules the kernel serves for plugins installed from npm or a plugin
 * directory. A plugin disabled or failed brings no module. One broken module does not stop the others.
 */
export async function loadPluginModules(plugins: PluginInfo[], load = importAtRunTime): Promise<{ modules: AdminModule[]; failures: PluginModuleFailure[] }> {
  const running = plugins.filter((plugin) => plugin.status === 'started')
  const settled = await Promise.all(
    running.map(async (plugin): Promise<AdminModule | PluginModuleFailure | null> => {
      const loader = plugin.adminModule ? () => load(plugin.adminModule!.entry) : bundledLoader(plugin.id)
      if (!loader) return null
      try {
        const module = (await loader()).default
        if (!module || typeof module !== 'object' || !Array.isArray(module.routes)) {
          return { pluginId: plugin.id, message: 'the module does not default-export defineAdminModule({ ... })' }
        }
        if (module.id !== plugin.id) return { pluginId: plugin.id, message: `the module id "${module.id}" is not the plugin id` }
        return module
      } catch (error) {
        return { pluginId: plugin.id, message: error instanceof Error ? error.message : String(error) }
      }
    }),
  )
  const modules = settled.filter((item): item is AdminModule => item !== null && 'routes' in item)
  const failures = settled.filter((item): item is PluginModuleFailure => item !== null && 'pluginId' in item)
  return { modules, failures }
}
