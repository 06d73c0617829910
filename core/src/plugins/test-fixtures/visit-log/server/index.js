const messageReceived = { name: 'message.received' }
const pluginSessionDisabled = { name: 'plugin.session.disabled' }

export default {
  migrations: [
    {
      name: '001-create-tables',
      async up({ knex }) {
        await knex.schema.createTable('visit_log_visits', (table) => {
          table.increments('id')
          table.string('session_id', 63).notNullable().index()
          table.string('contact', 128).notNullable()
          table.datetime('at', { useTz: true }).notNullable()
        })
        await knex.schema.createTable('visit_log_daily_totals', (table) => {
          table.string('session_id', 63).notNullable()
          table.string('day', 10).notNullable()
          table.integer('messages').notNullable()
          table.primary(['session_id', 'day'])
        })
      },
    },
  ],
  // Visits name people: they go with the session. Daily totals are anonymous: kept for reports.
  sessionData: [
    { table: 'visit_log_visits', column: 'session_id', onSessionDeleted: 'delete' },
    { table: 'visit_log_daily_totals', column: 'session_id', onSessionDeleted: 'keep' },
  ],
  register(plugin) {
    const lastVisitor = new Map() // sessionId -> contact, a cache beside the tables
    const heard = [] // lifecycle events this plugin received, for its route

    plugin.bus.on(messageReceived, async (message) => {
      const knex = plugin.db.fork().getKnex()
      const day = message.timestamp.slice(0, 10)
      await knex('visit_log_visits').insert({ session_id: message.sessionId, contact: message.from, at: new Date(message.timestamp) })
      await knex('visit_log_daily_totals').insert({ session_id: message.sessionId, day, messages: 1 })
        .onConflict(['session_id', 'day']).merge({ messages: knex.raw('visit_log_daily_totals.messages + 1') })
      lastVisitor.set(message.sessionId, message.from)
    }, { id: 'log' })

    // Reaches this plugin although it is already off for that session when the event is handled.
    plugin.bus.on(pluginSessionDisabled, ({ pluginId, sessionId }) => {
      if (pluginId !== plugin.id) return
      lastVisitor.delete(sessionId)
      heard.push(`disabled ${sessionId}`)
    }, { id: 'switched-off' })

    // Runs for every plugin whether or not it is on for the session, after the 'delete' rows are gone.
    plugin.onSessionDeleted(({ sessionId }) => {
      lastVisitor.delete(sessionId)
      heard.push(`deleted ${sessionId}`)
    })

    plugin.router.get('/last-visitors', (ctx) => {
      ctx.body = { lastVisitors: Object.fromEntries(lastVisitor), heard }
    })
  },
}
