export default {
  register(plugin) {
    plugin.responders.register('flow', (turn) => (turn.owner?.pluginId === plugin.id && !turn.claimedBy ? { claim: true } : undefined))
  },
}
