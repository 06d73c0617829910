import { defineMigration } from '../migration.ts'

/**
 * Who owns a chat (a running flow, a human agent, a bot): one row per chat, in the shared database
 * so every node answering a session sees the same owner. Times are epoch milliseconds.
 */
export const chatOwnersMigration = defineMigration({
  name: '20261205-003-chat-owners',
  async up({ knex }) {
    await knex.schema.createTable('chat_owners', (table) => {
      table.string('session_id', 63).notNullable()
      table.string('chat_id', 128).notNullable()
      table.string('plugin_id', 64).notNullable()
      table.string('kind', 32).notNullable()
      table.bigInteger('since_ms').notNullable()
      table.bigInteger('until_ms').nullable()
      table.primary(['session_id', 'chat_id'])
      // Releasing everything a plugin owns in a session (switched off there).
      table.index(['session_id', 'plugin_id'], 'chat_owners_plugin')
    })
  },
  async down({ knex }) {
    await knex.schema.dropTableIfExists('chat_owners')
  },
})
