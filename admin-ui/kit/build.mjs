// Builds @waqtor/admin-kit into dist/ for `npm pack`: an ES build of the kit's two entries (the
// libraries the panel shares with plugin modules stay imports) and declarations from vue-tsc.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'

const kitDir = path.dirname(fileURLToPath(import.meta.url))
const srcDir = path.resolve(kitDir, '../src')
const distDir = path.join(kitDir, 'dist')

rmSync(distDir, { recursive: true, force: true })

// Provided by the panel (or the plugin's own test setup) at run time; never bundled.
const shared = ['vue', 'vue-router', 'vue-i18n', 'pinia', 'socket.io-client']
const external = (id) => shared.includes(id) || /^(primevue|@primeuix|@primevue)(\/|$)/.test(id)

await build({
  configFile: false,
  logLevel: 'warn',
  plugins: [vue()],
  resolve: { alias: [{ find: /^@\//, replacement: `${srcDir}/` }] },
  build: {
    outDir: distDir,
    emptyOutDir: false,
    sourcemap: false,
    lib: {
      entry: { index: path.join(srcDir, 'kit/index.ts'), module: path.join(srcDir, 'modules/admin-module.ts') },
      formats: ['es'],
      cssFileName: 'admin-kit',
    },
    rollupOptions: { external },
  },
})

const vueTsc = createRequire(import.meta.url).resolve('vue-tsc/bin/vue-tsc.js')
const declared = spawnSync(process.execPath, [vueTsc, '-p', path.join(kitDir, 'tsconfig.json')], { stdio: 'inherit' })
if (declared.status !== 0) {
  rmSync(distDir, { recursive: true, force: true })
  process.exit(declared.status ?? 1)
}

// The sources import `./x.ts` and `./X.vue`; the declarations next to each other are `x.d.ts` and
// `X.vue.d.ts`, which a plugin's TypeScript finds as `./x.js` and `./X.vue.js`.
const relativeSpecifier = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.(ts|vue)(['"])/g
function rewriteDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) rewriteDeclarations(file)
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(file, 'utf8')
      const rewritten = text.replace(relativeSpecifier, (_match, head, specifier, extension, quote) => `${head}${specifier}${extension === 'vue' ? '.vue' : ''}.js${quote}`)
      if (rewritten !== text) writeFileSync(file, rewritten)
    }
  }
}
rewriteDeclarations(path.join(distDir, 'types'))
