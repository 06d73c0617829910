// Builds @waqtor/core into dist/ for `npm pack`: compiled JavaScript, declarations, and the JSON the
// kernel reads at run time. The repository itself runs the TypeScript sources (the waqtor-source
// export condition); only the published package uses dist/.
import { spawnSync } from 'node:child_process'
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const coreDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const distDir = path.join(coreDir, 'dist')

rmSync(distDir, { recursive: true, force: true })

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(coreDir, 'tsconfig.build.json')], { stdio: 'inherit' })
if (compiled.status !== 0) {
  rmSync(distDir, { recursive: true, force: true })
  process.exit(compiled.status ?? 1)
}

// tsc rewrites `./x.ts` to `./x.js` in JavaScript but keeps it in declarations, which a plugin's
// TypeScript (without allowImportingTsExtensions) refuses; point them at the emitted files.
const relativeTsSpecifier = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g
function rewriteDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) rewriteDeclarations(file)
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(file, 'utf8')
      const rewritten = text.replace(relativeTsSpecifier, '$1$2.js$3')
      if (rewritten !== text) writeFileSync(file, rewritten)
    }
  }
}
rewriteDeclarations(distDir)

// The manifest schema plugin.json files are validated against (plugins/plugin-manifest.ts finds it here).
copyFileSync(path.join(coreDir, '..', 'plugin.schema.json'), path.join(distDir, 'plugin.schema.json'))
