import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineProject } from 'vitest/config'

/** Component tests of the panel (and of the repository's plugin modules) in happy-dom. */
export default defineProject({
  plugins: [vue()],
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  resolve: {
    // Exact matches: '@waqtor/admin-kit' must not swallow '@waqtor/admin-kit/module'.
    alias: [
      { find: /^@\//, replacement: `${fileURLToPath(new URL('./src', import.meta.url))}/` },
      { find: /^@waqtor\/admin-kit$/, replacement: fileURLToPath(new URL('./src/kit/index.ts', import.meta.url)) },
      { find: /^@waqtor\/admin-kit\/module$/, replacement: fileURLToPath(new URL('./src/modules/admin-module.ts', import.meta.url)) },
    ],
  },
  test: {
    name: 'admin-ui',
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['admin-ui/src/**/*.test.ts', 'plugins/*/ui/**/*.test.ts'],
    environment: 'happy-dom',
    // PrimeVue dialogs and tables render slowly in happy-dom while the server tests load both cores.
    testTimeout: 30_000,
    setupFiles: [fileURLToPath(new URL('./src/testing/setup.ts', import.meta.url))],
  },
})
