import { defineMigration } from '../migration.ts'

/** Per-session sending governor settings, and the list messages plugins sent (to map replies to options). */
export const sessionGovernorMigration = defineMigration({
  name: '20261205-004-session-governor',
  async up({ knex }) {
    await knex.schema.alterTable('sessions', (table) => {
      table.json('governor').nullable()
    })
    await knex.schema.createTable('message_lists', (table) => {
      table.string('session_id', 63).notNullable()
      table.string('message_id', 255).notNullable()
      table.string('chat_id', 128).notNullable()
      table.string('plugin_id', 100).notNullable()
      table.json('rows').notNullable()
      table.string('locale', 2).notNullable()
      table.datetime('created_at', { useTz: true }).notNullable()
      table.datetime('expires_at', { useTz: true }).notNullable()
      table.datetime('closed_at', { useTz: true }).nullable()
      table.primary(['session_id', 'message_id'])
      table.index(['session_id', 'chat_id', 'created_at'], 'message_lists_chat_recent')
    })
  },
  async down({ knex }) {
    await knex.schema.dropTableIfExists('message_lists')
    await knex.schema.alterTable('sessions', (table) => {
      table.dropColumn('governor')
    })
  },
})
