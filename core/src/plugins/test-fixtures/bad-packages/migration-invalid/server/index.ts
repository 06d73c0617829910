import type { MigrationDefinition } from '../../../../../db/migration.ts'
import { definePlugin } from '../../../../define-plugin.ts'

// What a plain-JS author writes when they misremember the shape: `migrate` instead of `up`.
const forgotUp = { name: '001-create', migrate: () => Promise.resolve() } as unknown as MigrationDefinition

export default definePlugin({
  migrations: [forgotUp],
  register() {},
})
