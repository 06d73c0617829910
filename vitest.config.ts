import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: ['waqtor-source'] },
        ssr: { resolve: { conditions: ['waqtor-source'] } },
        test: {
          name: 'server',
          include: ['core/src/**/*.test.ts', 'plugins/*/server/**/*.test.ts', 'test/**/*.test.ts', 'examples/plugins/*/test/**/*.test.js'],
          exclude: [...configDefaults.exclude, 'test/packaging/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: true,
          globalSetup: ['test/e2e/support/global-setup.ts'],
        },
      },
      {
        // Packs @waqtor/core and runs a plugin against the tarball: once per `npm test`, on SQLite
        // (not in test:postgres, which runs the server project only).
        test: {
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      './admin-ui/vitest.config.ts',
    ],
  },
})
