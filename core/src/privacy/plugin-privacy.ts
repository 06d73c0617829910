import type { PrivacyRegistry } from './privacy-registry.ts'
import type { PrivacyHooks } from './privacy-types.ts'

/**
 * `plugin.privacy`: how a plugin holding personal data (manifest `"personalData": true`) lets the
 * kernel export and erase a person's data. Register once, in `register()`.
 */
export interface PluginPrivacy {
  register(hooks: PrivacyHooks): void
}

export function createPluginPrivacy(pluginId: string, registry: PrivacyRegistry, track: (dispose: () => void) => void): PluginPrivacy {
  return {
    register(hooks) {
      track(registry.register(pluginId, hooks))
    },
  }
}
