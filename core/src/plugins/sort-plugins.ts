import semver from 'semver'
import type { PluginManifest } from './plugin-manifest.ts'
import { PluginError } from './plugin-error.ts'

/**
 * Orders plugins so each comes after its dependencies. Plugins whose dependencies are missing,
 * of the wrong version, or form a cycle are returned as refused with a coded error naming them.
 */
export function sortPlugins(manifests: PluginManifest[]): { order: PluginManifest[]; refused: Map<string, PluginError> } {
  const byId = new Map(manifests.map((manifest) => [manifest.id, manifest]))
  const refused = new Map<string, PluginError>()

  for (const manifest of manifests) {
    for (const [dependencyId, range] of Object.entries(manifest.dependencies ?? {})) {
      const dependency = byId.get(dependencyId)
      if (!dependency) {
        refused.set(manifest.id, new PluginError('PLUGIN_DEPENDENCY_MISSING', manifest.id, `needs plugin "${dependencyId}" (${range}), which is not installed`, { field: `dependencies.${dependencyId}` }))
        break
      }
      if (!semver.validRange(range) || !semver.satisfies(dependency.version, range, { includePrerelease: true })) {
        refused.set(manifest.id, new PluginError('PLUGIN_DEPENDENCY_VERSION', manifest.id, `needs plugin "${dependencyId}" ${range} but ${dependency.version} is installed`, { field: `dependencies.${dependencyId}` }))
        break
      }
    }
  }

  const order: PluginManifest[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (manifest: PluginManifest, trail: string[]): void => {
    const current = state.get(manifest.id)
    if (current === 'done') return
    if (current === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(manifest.id)), manifest.id]
      for (const id of cycle) {
        if (!refused.has(id)) refused.set(id, new PluginError('PLUGIN_DEPENDENCY_CYCLE', id, `dependency cycle: ${cycle.join(' -> ')}`, { cycle }))
      }
      return
    }
    state.set(manifest.id, 'visiting')
    for (const dependencyId of Object.keys(manifest.dependencies ?? {})) {
      const dependency = byId.get(dependencyId)
      if (dependency) visit(dependency, [...trail, manifest.id])
    }
    state.set(manifest.id, 'done')
    order.push(manifest)
  }
  for (const manifest of [...manifests].sort((a, b) => a.id.localeCompare(b.id))) visit(manifest, [])

  // A plugin is refused when anything it depends on (directly or not) is refused.
  for (const manifest of order) {
    if (refused.has(manifest.id)) continue
    const failedDependency = Object.keys(manifest.dependencies ?? {}).find((id) => refused.has(id))
    if (failedDependency) {
      refused.set(manifest.id, new PluginError('PLUGIN_DEPENDENCY_FAILED', manifest.id, `its dependency "${failedDependency}" was refused`, { dependency: failedDependency }))
    }
  }
  return { order: order.filter((manifest) => !refused.has(manifest.id)), refused }
}
