import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig, type Plugin } from 'vite'
import { sharedFileName, sharedModules, type SharedModuleName } from './src/shared/shared-modules.ts'

const kernelUrl = process.env.WAQTOR_DEV_API ?? 'http://localhost:8080'
const names = Object.keys(sharedModules) as SharedModuleName[]

/**
 * Writes the import map that lets plugin modules loaded at run time import `vue`, `vue-router` and
 * `@waqtor/admin-kit` as bare names and get the panel's own instances.
 */
function sharedModulesImportMap(): Plugin {
  let isBuild = false
  return {
    name: 'waqtor-shared-modules-import-map',
    configResolved(config) {
      isBuild = config.command === 'build'
    },
    transformIndexHtml() {
      const imports = Object.fromEntries(names.map((name) => [name, isBuild ? `/shared/${sharedFileName(name)}.js` : `/${sharedModules[name]}`]))
      return [{ tag: 'script', attrs: { type: 'importmap' }, children: JSON.stringify({ imports }), injectTo: 'head-prepend' }]
    },
  }
}

export default defineConfig({
  plugins: [vue(), sharedModulesImportMap()],
  resolve: {
    // Exact matches: '@waqtor/admin-kit' must not swallow '@waqtor/admin-kit/module'.
    alias: [
      { find: /^@\//, replacement: `${fileURLToPath(new URL('./src', import.meta.url))}/` },
      { find: /^@waqtor\/admin-kit$/, replacement: fileURLToPath(new URL('./src/kit/index.ts', import.meta.url)) },
      { find: /^@waqtor\/admin-kit\/module$/, replacement: fileURLToPath(new URL('./src/modules/admin-module.ts', import.meta.url)) },
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '^/api(/|$)': kernelUrl,
      '^/docs(/|$)': kernelUrl,
      '/plugin-ui': kernelUrl,
      '/socket.io': { target: kernelUrl, ws: true },
    },
  },
  build: {
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        ...Object.fromEntries(names.map((name) => [`shared/${sharedFileName(name)}`, fileURLToPath(new URL(`./${sharedModules[name]}`, import.meta.url))])),
      },
      // The shared entries must keep their exports: plugin modules import them by name.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name.startsWith('shared/') ? '[name].js' : 'assets/[name]-[hash].js'),
        // PrimeVue's own base (styling engine, base component, config) in one chunk that every page
        // shares, rather than inside whichever component chunk the bundler picks (the login page then
        // downloaded the toggle switch and its neighbours too).
        codeSplitting: {
          groups: [{ name: 'primevue-core', test: /[\\/]node_modules[\\/](@primeuix[\\/]|primevue[\\/](base|basecomponent|basedirective|baseeditableholder|baseinput|config|service|usestyle|utils|ripple)[\\/])/ }],
        },
      },
    },
  },
})
