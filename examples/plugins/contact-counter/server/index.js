// A complete WaQtor plugin in plain JavaScript (ESM). It imports nothing from WaQtor: an event
// reference is a plain `{ name }` object and the plugin definition is a plain object.

const messageReceived = { name: 'message.received' }
const milestoneReached = { name: 'contact-counter.milestone.reached' }

export default {
  register(plugin) {
    // Counts are kept in memory for brevity; a plugin that must survive restarts or run in a
    // cluster keeps them in its own tables (see "Entities and migrations" in docs/plugins.md).
    const counts = new Map() // sessionId -> Map(contact -> count)

    // Only events of sessions where this plugin is enabled arrive here (scope: session).
    plugin.bus.on(
      messageReceived,
      (message) => {
        const settings = plugin.sessionConfig(message.sessionId)
        if (settings.ignoreGroups && message.chatId.endsWith('@g.us')) return
        const contacts = counts.get(message.sessionId) ?? new Map()
        counts.set(message.sessionId, contacts)
        const count = (contacts.get(message.from) ?? 0) + 1
        contacts.set(message.from, count)
        if (count === settings.milestone) {
          // Not awaited: a handler should not wait for the bus (see docs/plugins.md, "Events").
          void plugin.bus.emit(milestoneReached, { sessionId: message.sessionId, contact: message.from, count })
        }
      },
      { id: 'count' },
    )

    // GET /api/plugins/contact-counter/counts/:sessionId — credentials are checked by the kernel.
    plugin.router.get('/counts/:sessionId', (ctx) => {
      const { sessionId } = ctx.params
      const caller = ctx.state.principal
      // Answer a session the caller is not granted exactly like an unknown one.
      if (caller.sessions !== null && !caller.sessions.has(sessionId)) {
        ctx.status = 404
        ctx.body = { error: { code: 'SESSION_NOT_FOUND', message: `Not found: session ${sessionId}`, details: null } }
        return
      }
      const contacts = counts.get(sessionId) ?? new Map()
      ctx.body = {
        sessionId,
        enabled: plugin.isEnabledFor(sessionId),
        contacts: Object.fromEntries(contacts),
      }
    })
  },

  start(plugin) {
    plugin.logger.info('contact counter ready')
  },
}
