import { definePlugin } from '../../../../../plugins/define-plugin.ts'
import { recordTurn } from '../../record-turn.ts'

export default definePlugin({
  register(plugin) {
    plugin.responders.register('quiz', async (turn) => {
      if (turn.claimedBy) return recordTurn(plugin.id, turn, 'observed')
      const body = turn.message.body
      if (body === 'quiz') {
        const until = new Date(plugin.clock.now() + 60_000)
        await plugin.responders.own(turn.sessionId, turn.chatId, { kind: 'flow', until })
        recordTurn(plugin.id, turn, 'claimed, owns the chat')
        return { claim: true }
      }
      if (turn.owner?.pluginId === plugin.id) {
        if (body === 'done') await plugin.responders.release(turn.sessionId, turn.chatId)
        recordTurn(plugin.id, turn, body === 'done' ? 'claimed, released' : 'claimed as owner')
        return { claim: true }
      }
      // Only when nobody owns the chat: an agent or a flow of another plugin has it otherwise.
      if (turn.owner) return recordTurn(plugin.id, turn, 'stays quiet')
      recordTurn(plugin.id, turn, 'claimed')
      return { claim: true }
    })
  },
})
