import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { PluginError } from './plugin-error.ts'

export type PluginSource = 'builtin' | 'directory' | 'package'

export interface DiscoveredPlugin {
  dir: string
  source: PluginSource
}

export interface DiscoveryInput {
  /** The repository's own plugins folder, when WaQtor runs from a checkout. */
  builtinDir: string | undefined
  /** WAQTOR_PLUGIN_DIRS: each is a plugin folder or a folder of plugin folders. */
  pluginDirs: string[]
  /** WAQTOR_PLUGINS: npm package names, found in node_modules from `cwd` upwards. */
  packages: string[]
  cwd: string
}

/** Finds plugin folders (those holding a plugin.json); a package that cannot be found is an error. */
export function discoverPlugins(input: DiscoveryInput): { found: DiscoveredPlugin[]; errors: PluginError[] } {
  const found: DiscoveredPlugin[] = []
  const errors: PluginError[] = []
  if (input.builtinDir) found.push(...pluginFoldersIn(input.builtinDir).map((dir) => ({ dir, source: 'builtin' as const })))
  for (const configured of input.pluginDirs) {
    const dir = path.resolve(input.cwd, configured)
    if (!isDirectory(dir)) {
      errors.push(new PluginError('PLUGIN_DIR_NOT_FOUND', undefined, `WAQTOR_PLUGIN_DIRS names ${dir}, which is not a folder`, { dir }))
      continue
    }
    const folders = hasManifest(dir) ? [dir] : pluginFoldersIn(dir)
    found.push(...folders.map((folder) => ({ dir: folder, source: 'directory' as const })))
  }
  for (const name of input.packages) {
    const dir = findPackage(name, input.cwd)
    if (!dir) {
      errors.push(new PluginError('PLUGIN_PACKAGE_NOT_FOUND', undefined, `npm package "${name}" is not installed (run npm install ${name})`, { package: name }))
    } else if (!hasManifest(dir)) {
      errors.push(new PluginError('PLUGIN_MANIFEST_MISSING', undefined, `npm package "${name}" has no plugin.json at ${dir}`, { package: name, dir }))
    } else {
      found.push({ dir, source: 'package' })
    }
  }
  // The same folder reached twice (a workspace plugin also named as a package) counts once.
  const seen = new Set<string>()
  return { found: found.filter((plugin) => !seen.has(plugin.dir) && seen.add(plugin.dir)), errors }
}

function pluginFoldersIn(parent: string): string[] {
  if (!isDirectory(parent)) return []
  return readdirSync(parent)
    .sort()
    .map((name) => path.join(parent, name))
    .filter((dir) => isDirectory(dir) && hasManifest(dir))
}

function findPackage(name: string, cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name)
    if (isDirectory(candidate)) return candidate
    if (path.dirname(dir) === dir) return undefined
  }
}

function hasManifest(dir: string): boolean {
  return existsSync(path.join(dir, 'plugin.json'))
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}
