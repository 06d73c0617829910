import { definePlugin } from '../../../../../plugins/define-plugin.ts'
import { recordTurn } from '../../record-turn.ts'

export default definePlugin({
  register(plugin) {
    plugin.responders.register('faq', (turn) => {
      if (turn.claimedBy) return recordTurn(plugin.id, turn, 'observed')
      if (!turn.message.body.endsWith('?')) return recordTurn(plugin.id, turn, 'passed')
      recordTurn(plugin.id, turn, 'claimed')
      return { claim: true }
    })
  },
})
