import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: ['waqtor-source'] },
        ssr: { resolve: { conditions: ['waqtor-source'] } },
        test: {
          name: 'server',
          include: ['core/src/**/*.test.ts', 'plugins/*/server/**/*.test.ts', 'test/**/*.test.ts', 'examples/plugins/*/test/**/*.test.js'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: true,
          globalSetup: ['test/e2e/support/global-setup.ts'],
        },
      },
      './admin-ui/vitest.config.ts',
    ],
  },
})
