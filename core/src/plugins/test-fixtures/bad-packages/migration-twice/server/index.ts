import { defineMigration } from '../../../../../db/migration.ts'
import { definePlugin } from '../../../../define-plugin.ts'

const step = defineMigration({ name: '001-create', up: () => Promise.resolve() })

export default definePlugin({
  migrations: [step, { ...step }],
  register() {},
})
