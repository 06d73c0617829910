import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The @waqtor/core package folder, whether running from source (src/) or a build (dist/src/). */
function findCoreDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (path.dirname(dir) !== dir) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@waqtor/core') return dir
    dir = path.dirname(dir)
  }
  throw new Error('cannot find the @waqtor/core package folder')
}

export const coreDir = findCoreDir()

/** The kernel API version plugins declare in engines.waqtor. */
export const kernelVersion = (JSON.parse(readFileSync(path.join(coreDir, 'package.json'), 'utf8')) as { version: string }).version

/** The repository root when running from a checkout (core/ inside it), else undefined. */
const repoRoot = path.basename(coreDir) === 'core' && !coreDir.includes(`${path.sep}node_modules${path.sep}`) ? path.dirname(coreDir) : undefined

export const builtinPluginsDir = repoRoot && existsSync(path.join(repoRoot, 'plugins')) ? path.join(repoRoot, 'plugins') : undefined

export const adminPanelDir = repoRoot ? path.join(repoRoot, 'admin-ui', 'dist') : undefined
