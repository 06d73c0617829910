import { execFile } from 'node:child_process'
import { mkdir, readdir, symlink } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PackedTarball {
  file: string
  /** Paths inside the package, e.g. `dist/index.js`. */
  files: string[]
  size: number
  unpackedSize: number
}

/** `npm pack` of one package folder (its prepack script builds it), into `destination`. */
export async function npmPack(packageDir: string, destination: string): Promise<PackedTarball> {
  await mkdir(destination, { recursive: true })
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: packageDir, maxBuffer: 64 * 1024 * 1024 })
  // Scripts (the build) may print before npm's JSON answer.
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1)) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>
  if (!packed) throw new Error(`npm pack in ${packageDir} reported nothing: ${stdout}`)
  return { file: path.join(destination, packed.filename), files: packed.files.map((file) => file.path), size: packed.size, unpackedSize: packed.unpackedSize }
}

/**
 * Fills `target` (a node_modules folder no npm command touches) with links to the repository's
 * installed packages, so a package unpacked below it finds its dependencies the way a hoisted
 * install would. `nested` (a package's own node_modules) wins over the root's; `skip` leaves names out.
 */
export async function linkRepositoryDependencies(repoRoot: string, target: string, options: { nested?: string; skip?: string[] } = {}): Promise<void> {
  await mkdir(target, { recursive: true })
  const chosen = new Map<string, string>()
  const collect = async (folder: string) => {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (name.startsWith('.') || options.skip?.includes(name)) continue
      if (name.startsWith('@')) {
        for (const scoped of await readdir(path.join(folder, name))) chosen.set(`${name}/${scoped}`, path.join(folder, name, scoped))
      } else chosen.set(name, path.join(folder, name))
    }
  }
  await collect(path.join(repoRoot, 'node_modules'))
  if (options.nested) await collect(options.nested)
  for (const [name, source] of chosen) {
    const link = path.join(target, name)
    await mkdir(path.dirname(link), { recursive: true })
    await symlink(source, link, 'dir')
  }
}

/** Every file below `dir`. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}
