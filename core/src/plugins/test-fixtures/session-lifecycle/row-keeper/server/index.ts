import type { SqlEntityManager } from '@mikro-orm/knex'
import { messageReceived, pluginSessionDisabled, pluginSessionEnabled, sessionDeleted } from '../../../../../bus/core-events.ts'
import { defineMigration } from '../../../../../db/migration.ts'
import { definePlugin } from '../../../../define-plugin.ts'
import { fixtureLog } from '../../../fixture-helpers.ts'

const createTables = defineMigration({
  name: '001-create-tables',
  async up({ knex }) {
    await knex.schema.createTable('row_keeper_notes', (table) => {
      table.increments('id')
      table.string('session_id', 63).notNullable()
      table.string('body', 500).notNullable()
    })
    await knex.schema.createTable('row_keeper_audit', (table) => {
      table.increments('id')
      table.string('owner_session', 63).notNullable()
      table.string('what', 100).notNullable()
    })
  },
})

export default definePlugin({
  migrations: [createTables],
  sessionData: [
    { table: 'row_keeper_notes', column: 'session_id', onSessionDeleted: 'delete' },
    { table: 'row_keeper_audit', column: 'owner_session', onSessionDeleted: 'keep' },
  ],
  register(plugin) {
    const knex = () => (plugin.db.fork() as SqlEntityManager).getKnex()
    plugin.bus.on(messageReceived, async (message) => {
      await knex()('row_keeper_notes').insert({ session_id: message.sessionId, body: message.body })
      await knex()('row_keeper_audit').insert({ owner_session: message.sessionId, what: 'message' })
    }, { id: 'store' })
    for (const event of [pluginSessionEnabled, pluginSessionDisabled]) {
      plugin.bus.on(event, (payload) => void fixtureLog().push(`row-keeper:${event.name}:${payload.pluginId}:${payload.sessionId}`), { id: `hear-${event.name}` })
    }
    plugin.bus.on(sessionDeleted, ({ sessionId }) => void fixtureLog().push(`row-keeper:session.deleted:${sessionId}`), { id: 'hear-deleted' })
    plugin.onSessionDeleted(async ({ sessionId }) => {
      // Runs after the declared rows are gone: what the hook sees proves the order.
      const left = await knex()('row_keeper_notes').where({ session_id: sessionId }).count({ n: '*' })
      fixtureLog().push(`row-keeper:hook:${sessionId}:notes-left=${Number(left[0]?.n)}:enabled=${plugin.isEnabledFor(sessionId)}`)
    })
  },
})
