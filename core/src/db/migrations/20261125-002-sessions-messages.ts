import { defineMigration } from '../migration.ts'

/** Session lifecycle fields, stored messages with their ACKs, early ACKs, idempotent sends, contacts. */
export const sessionsMessagesMigration = defineMigration({
  name: '20261125-002-sessions-messages',
  async up({ knex }) {
    await knex.schema.alterTable('sessions', (table) => {
      table.string('desired_state', 16).notNullable().defaultTo('running')
    })
    await knex.schema.createTable('messages', (table) => {
      table.string('session_id', 63).notNullable()
      table.string('id', 255).notNullable()
      table.string('chat_id', 128).notNullable()
      table.string('from_id', 128).notNullable()
      table.string('to_id', 128).notNullable()
      table.boolean('from_me').notNullable()
      table.string('type', 16).notNullable()
      table.text('body').notNullable()
      table.datetime('timestamp', { useTz: true }).notNullable()
      table.integer('ack').notNullable()
      table.datetime('ack_at', { useTz: true }).nullable()
      table.json('media').nullable()
      table.json('location').nullable()
      table.string('quoted_id', 255).nullable()
      table.string('sender_name', 200).nullable()
      table.datetime('created_at', { useTz: true }).notNullable()
      table.primary(['session_id', 'id'])
      table.index(['session_id', 'chat_id', 'timestamp'], 'messages_chat_timeline')
      table.index(['session_id', 'timestamp'], 'messages_session_timeline')
    })
    await knex.schema.createTable('pending_acks', (table) => {
      table.string('session_id', 63).notNullable()
      table.string('message_id', 255).notNullable()
      table.string('chat_id', 128).notNullable()
      table.integer('ack').notNullable()
      table.datetime('received_at', { useTz: true }).notNullable()
      table.primary(['session_id', 'message_id'])
    })
    await knex.schema.createTable('idempotency_keys', (table) => {
      table.string('scope', 100).notNullable()
      table.string('key', 255).notNullable()
      table.string('request_hash', 64).notNullable()
      table.integer('status').nullable()
      table.json('response').nullable()
      table.datetime('created_at', { useTz: true }).notNullable().index()
      table.primary(['scope', 'key'])
    })
    await knex.schema.createTable('contacts', (table) => {
      table.string('session_id', 63).notNullable()
      table.string('id', 128).notNullable()
      table.string('phone', 32).nullable()
      table.string('name', 200).nullable()
      table.string('push_name', 200).nullable()
      table.json('tags').notNullable()
      table.boolean('opted_out').notNullable().defaultTo(false)
      table.datetime('opted_out_at', { useTz: true }).nullable()
      table.datetime('first_seen_at', { useTz: true }).notNullable()
      table.datetime('last_seen_at', { useTz: true }).notNullable()
      table.integer('messages_in').notNullable().defaultTo(0)
      table.integer('messages_out').notNullable().defaultTo(0)
      table.primary(['session_id', 'id'])
      table.index(['session_id', 'last_seen_at'], 'contacts_recent')
    })
  },
  async down({ knex }) {
    for (const table of ['contacts', 'idempotency_keys', 'pending_acks', 'messages']) await knex.schema.dropTableIfExists(table)
    await knex.schema.alterTable('sessions', (table) => {
      table.dropColumn('desired_state')
    })
  },
})
