// Builds the admin panel when admin-ui/dist is missing or older than its sources (the panel's own
// and the ui/ folders of the repository's plugins). `npm start` and the browser tests run it first.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const panelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repoDir = path.dirname(panelDir)
const stampFile = path.join(panelDir, 'dist', '.sources-hash')

function* files(dir) {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* files(full)
    else yield full
  }
}

function sourcesHash() {
  const hash = createHash('sha256')
  const pluginUiDirs = existsSync(path.join(repoDir, 'plugins'))
    ? readdirSync(path.join(repoDir, 'plugins')).map((name) => path.join(repoDir, 'plugins', name, 'ui'))
    : []
  const inputs = [
    ...['index.html', 'vite.config.ts', 'package.json'].map((name) => path.join(panelDir, name)),
    ...files(path.join(panelDir, 'src')),
    ...files(path.join(panelDir, 'public')),
    ...pluginUiDirs.flatMap((dir) => [...files(dir)]),
  ].filter((file) => existsSync(file) && !/\.test\.ts$/.test(file))
  for (const file of inputs.sort()) {
    hash.update(path.relative(repoDir, file))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}

export async function ensurePanelBuilt({ quiet = false } = {}) {
  const expected = sourcesHash()
  const current = existsSync(stampFile) && statSync(stampFile).isFile() ? readFileSync(stampFile, 'utf8').trim() : ''
  if (current === expected) return { built: false }
  if (!quiet) console.error('Building the admin panel (admin-ui) — only when its sources changed…')
  const started = Date.now()
  const { build } = await import('vite')
  await build({ root: panelDir, configFile: path.join(panelDir, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' })
  writeFileSync(stampFile, `${expected}\n`)
  if (!quiet) console.error(`Admin panel built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return { built: true }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensurePanelBuilt().catch((error) => {
    console.error('The admin panel could not be built:', error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
