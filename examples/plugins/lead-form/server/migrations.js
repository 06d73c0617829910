// The plugin's tables, written once for SQLite and PostgreSQL with knex. Never edit a released
// migration: add the next one. Times are epoch milliseconds (a bigint), read the same on both.
import { defineMigration } from '@waqtor/core'

export const leadsTable = 'lead_form_leads'
export const conversationsTable = 'lead_form_conversations'

export const migrations = [
  defineMigration({
    name: '001-create-leads-and-conversations',
    async up({ knex }) {
      await knex.schema.createTable(leadsTable, (table) => {
        table.string('id', 36).primary()
        table.string('session_id', 63).notNullable()
        table.string('chat_id', 128).notNullable()
        table.string('phone', 32).notNullable()
        table.string('name', 60).notNullable()
        table.bigInteger('budget').notNullable()
        table.string('district_id', 60).nullable()
        table.string('district', 60).notNullable()
        table.string('locale', 2).notNullable()
        table.bigInteger('created_at').notNullable()
        table.index(['session_id', 'created_at'])
        table.index(['session_id', 'phone'])
      })
      // One row per chat in the middle of the form: the state lives here, not in memory, so a
      // restart or another node carries on where the contact left off.
      await knex.schema.createTable(conversationsTable, (table) => {
        table.string('session_id', 63).notNullable()
        table.string('chat_id', 128).notNullable()
        table.string('phone', 32).notNullable()
        table.string('step', 16).notNullable()
        table.string('locale', 2).notNullable()
        table.string('name', 60).nullable()
        table.bigInteger('budget').nullable()
        table.string('question_id', 36).notNullable().unique()
        table.boolean('reminded').notNullable().defaultTo(false)
        table.bigInteger('started_at').notNullable()
        table.bigInteger('expires_at').notNullable()
        table.primary(['session_id', 'chat_id'])
        table.index(['expires_at'])
      })
    },
  }),
]

// Both tables name people (numbers, names): they go with their session.
export const sessionData = [
  { table: leadsTable, column: 'session_id', onSessionDeleted: 'delete' },
  { table: conversationsTable, column: 'session_id', onSessionDeleted: 'delete' },
]
