import { defineMigration } from '../db/migration.ts'

export const notificationsMigration = defineMigration({
  name: '20261125-003-notifications',
  async up({ knex }) {
    await knex.schema.createTable('notifications', (table) => {
      table.string('id', 36).primary()
      table.string('user_id', 36).notNullable()
      table.string('type', 100).notNullable()
      table.string('severity', 16).notNullable()
      table.string('title', 200).notNullable()
      table.text('body').notNullable()
      table.string('session_id', 63).nullable()
      table.json('data').nullable()
      table.string('source', 64).notNullable()
      table.datetime('read_at', { useTz: true }).nullable()
      table.datetime('created_at', { useTz: true }).notNullable()
    })
    // Listing newest first (id breaks ties between equal timestamps), and unread listing and counts.
    await knex.schema.alterTable('notifications', (table) => {
      table.index(['user_id', 'created_at', 'id'], 'notifications_user_created_idx')
    })
    await knex.schema.alterTable('notifications', (table) => {
      table.index(['user_id', 'read_at', 'created_at'], 'notifications_user_read_created_idx')
    })
  },
  async down({ knex }) {
    await knex.schema.dropTableIfExists('notifications')
  },
})
