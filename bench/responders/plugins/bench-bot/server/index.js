export default {
  register(plugin) {
    let answered = 0
    plugin.responders.register('bot', (turn) => {
      if (turn.claimedBy || turn.owner) return undefined
      answered++
      return { claim: true }
    })
    plugin.router.get('/answered', (ctx) => {
      ctx.body = { answered }
    })
  },
}
