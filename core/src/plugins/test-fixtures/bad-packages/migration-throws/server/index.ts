import { defineMigration } from '../../../../../db/migration.ts'
import { definePlugin } from '../../../../define-plugin.ts'

export default definePlugin({
  migrations: [
    defineMigration({
      name: '001-create-then-fail',
      async up({ knex }) {
        await knex.schema.createTable('migration_throws_rows', (table) => {
          table.increments('id')
        })
        throw new Error('column type not supported here')
      },
    }),
  ],
  register() {},
})
