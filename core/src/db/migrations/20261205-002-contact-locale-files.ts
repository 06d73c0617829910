import { defineMigration } from '../migration.ts'

/**
 * A contact's language (detected from inbound messages or set by a person) and the files plugins
 * store (metadata here, bytes in the file store). Sizes and times are plain columns so SQLite and
 * PostgreSQL compare them alike.
 */
export const contactLocaleFilesMigration = defineMigration({
  name: '20261205-002-contact-locale-files',
  async up({ knex }) {
    await knex.schema.alterTable('contacts', (table) => {
      table.string('locale', 8).nullable()
      // 'detected' (from messages, updated as they come) or 'set' (a person or plugin chose; sticks).
      table.string('locale_source', 16).nullable()
    })
    await knex.schema.createTable('files', (table) => {
      table.string('id', 36).primary()
      table.string('plugin_id', 64).notNullable()
      table.string('session_id', 63).nullable()
      // The contact (chat id `<digits>@c.us`) the file belongs to, erased with the contact's data.
      table.string('contact_id', 128).nullable()
      table.string('name', 255).notNullable()
      table.string('type', 255).notNullable()
      table.bigInteger('size').notNullable()
      table.string('sha256', 64).notNullable()
      // Where the file store keeps the bytes (relative key, `<pluginId>/<id>`).
      table.string('storage_key', 300).notNullable()
      table.datetime('created_at', { useTz: true }).notNullable()
      table.index(['plugin_id', 'created_at'], 'files_plugin')
      table.index(['session_id', 'contact_id'], 'files_contact')
    })
  },
  async down({ knex }) {
    await knex.schema.dropTableIfExists('files')
    await knex.schema.alterTable('contacts', (table) => {
      table.dropColumn('locale')
      table.dropColumn('locale_source')
    })
  },
})
