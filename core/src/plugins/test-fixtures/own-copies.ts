import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's node_modules, where the packages to copy come from. */
const rootModules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../node_modules')

export interface OwnCopy {
  /** The package name inside the plugin's node_modules, e.g. `zod`. */
  name: string
  /** Where to copy it from, relative to the repository's node_modules; `name` by default. */
  from?: string
}

export interface TempPlugin {
  /** A folder holding the plugin folder: pass it in `pluginDirs`. */
  dir: string
  remove(): Promise<void>
}

/**
 * Writes a plugin folder whose node_modules holds its own copies of packages, as
 * `npm install <package>` inside the plugin folder gives: real copies (a symlink would resolve to
 * the kernel's copy and prove nothing). Their own dependencies are linked to the repository's.
 */
export async function pluginWithOwnCopies(id: string, files: Record<string, string>, copies: OwnCopy[]): Promise<TempPlugin> {
  const dir = await mkdtemp(path.join(tmpdir(), 'waqtor-own-copies-'))
  const pluginDir = path.join(dir, id)
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(pluginDir, file)), { recursive: true })
    await writeFile(path.join(pluginDir, file), text)
  }
  const modules = path.join(pluginDir, 'node_modules')
  for (const copy of copies) {
    const source = path.join(rootModules, copy.from ?? copy.name)
    await cp(source, path.join(modules, copy.name), { recursive: true, dereference: true })
    const manifest = JSON.parse(await readFile(path.join(source, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      const target = path.join(modules, dependency)
      if (existsSync(target)) continue
      await mkdir(path.dirname(target), { recursive: true })
      await symlink(path.join(rootModules, dependency), target, 'dir')
    }
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
