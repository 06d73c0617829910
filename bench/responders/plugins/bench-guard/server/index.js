export default {
  register(plugin) {
    plugin.responders.register('guard', (turn) => (turn.message.body === 'STOP' ? { claim: true } : undefined))
  },
}
