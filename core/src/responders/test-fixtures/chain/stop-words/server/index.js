const STOP = new Set(['stop', 'unsubscribe', 'الغاء', 'إلغاء', 'توقف'])
const START = new Set(['start', 'subscribe', 'اشتراك'])

export default {
  register(plugin) {
    const optedOut = new Set() // "<sessionId> <from>"

    plugin.responders.register('opt-out', (turn) => {
      const word = turn.message.body.trim().toLowerCase()
      const key = `${turn.sessionId} ${turn.message.from}`
      if (STOP.has(word)) optedOut.add(key)
      else if (START.has(word)) optedOut.delete(key)
      else return undefined // not ours: the next responder decides
      return { claim: true }
    })

    plugin.router.get('/opted-out', (ctx) => {
      ctx.body = { items: [...optedOut].sort() }
    })
  },
}
