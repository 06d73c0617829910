const THIRTY_MINUTES = 30 * 60_000

export default {
  register(plugin) {
    const forms = new Map() // "<sessionId> <chatId>" -> { step, name }
    const leads = []

    // Claim at once, send in the background: the chain waits for the answer, not for the send,
    // which the session's governor may pace. Sends of one session leave in order.
    const reply = (turn, text) => {
      plugin.messages.send(turn.sessionId, { to: turn.chatId, text }).catch((error) => plugin.logger.warn({ err: error }, 'reply not sent'))
      return { claim: true }
    }

    plugin.responders.register('form', async (turn) => {
      if (turn.claimedBy) return undefined // someone answered (e.g. STOP): stay quiet
      const key = `${turn.sessionId} ${turn.chatId}`
      const text = turn.message.body.trim()
      const form = forms.get(key)
      if (form && turn.owner?.pluginId !== plugin.id) forms.delete(key) // lapsed, or an agent took over
      if (!forms.has(key)) {
        if (text.toLowerCase() !== 'apply' || turn.owner) return undefined
        await plugin.responders.own(turn.sessionId, turn.chatId, { kind: 'flow', until: new Date(plugin.clock.now() + THIRTY_MINUTES) })
        forms.set(key, { step: 'name' })
        return reply(turn, 'What is your name? / ما اسمك؟')
      }
      if (form.step === 'name') {
        forms.set(key, { step: 'budget', name: text })
        return reply(turn, 'What is your budget? / ما ميزانيتك؟')
      }
      forms.delete(key)
      await plugin.responders.release(turn.sessionId, turn.chatId)
      leads.push({ sessionId: turn.sessionId, chatId: turn.chatId, name: form.name, budget: text })
      return reply(turn, `Thank you, ${form.name}. / شكرًا لك، ${form.name}.`)
    })

    plugin.router.get('/leads', (ctx) => {
      const caller = ctx.state.principal
      ctx.body = { items: leads.filter((lead) => caller.sessions === null || caller.sessions.has(lead.sessionId)) }
    })
  },
}
