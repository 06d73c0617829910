import { defineMigration } from '../migration.ts'

export const initMigration = defineMigration({
  name: '20261125-001-init',
  async up({ knex }) {
    await knex.schema.createTable('users', (table) => {
      table.string('id', 36).primary()
      table.string('email', 320).notNullable().unique()
      table.string('name', 200).notNullable()
      table.string('role', 16).notNullable()
      table.string('password_hash', 255).notNullable()
      table.json('sessions').notNullable()
      table.boolean('disabled').notNullable().defaultTo(false)
      table.datetime('created_at', { useTz: true }).notNullable()
      table.datetime('updated_at', { useTz: true }).notNullable()
      table.datetime('last_login_at', { useTz: true }).nullable()
    })
    await knex.schema.createTable('auth_tokens', (table) => {
      table.string('token_hash', 64).primary()
      table.string('user_id', 36).notNullable().index()
      table.datetime('created_at', { useTz: true }).notNullable()
      table.datetime('expires_at', { useTz: true }).notNullable().index()
    })
    await knex.schema.createTable('api_keys', (table) => {
      table.string('id', 36).primary()
      table.string('name', 200).notNullable()
      table.string('prefix', 16).notNullable()
      table.string('key_hash', 64).notNullable().unique()
      table.string('role', 16).notNullable()
      table.json('sessions').nullable()
      table.string('created_by', 36).notNullable()
      table.datetime('created_at', { useTz: true }).notNullable()
      table.datetime('last_used_at', { useTz: true }).nullable()
      table.datetime('expires_at', { useTz: true }).nullable()
      table.datetime('revoked_at', { useTz: true }).nullable()
    })
    await knex.schema.createTable('sessions', (table) => {
      table.string('client_id', 63).primary()
      table.string('name', 200).notNullable()
      table.string('driver', 32).notNullable()
      table.string('status', 32).notNullable()
      table.string('phone', 32).nullable()
      table.text('last_error').nullable()
      table.datetime('created_at', { useTz: true }).notNullable()
      table.datetime('updated_at', { useTz: true }).notNullable()
    })
    await knex.schema.createTable('plugin_session_settings', (table) => {
      table.string('plugin_id', 64).notNullable()
      table.string('session_id', 63).notNullable().index()
      table.boolean('enabled').notNullable()
      table.json('settings').notNullable()
      table.datetime('updated_at', { useTz: true }).notNullable()
      table.primary(['plugin_id', 'session_id'])
    })
  },
  async down({ knex }) {
    for (const table of ['plugin_session_settings', 'sessions', 'api_keys', 'auth_tokens', 'users']) {
      await knex.schema.dropTableIfExists(table)
    }
  },
})
