import { defineMigration } from '../../../../db/migration.ts'
import { fixtureLog } from '../../fixture-helpers.ts'

export const createNotesTable = defineMigration({
  name: '001-create-notes',
  async up({ knex }) {
    fixtureLog().push('migrate:notes-keeper/001-create-notes')
    await knex.schema.createTable('notes_keeper_notes', (table) => {
      table.increments('id')
      table.string('body', 500).notNullable()
      table.datetime('created_at', { useTz: true }).notNullable()
    })
  },
})
