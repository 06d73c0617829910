import { definePlugin } from '../../../../../plugins/define-plugin.ts'
import { recordTurn } from '../../record-turn.ts'

export default definePlugin({
  register(plugin) {
    plugin.responders.register('agent', async (turn) => {
      if (turn.claimedBy) return recordTurn(plugin.id, turn, 'observed')
      if (turn.message.body === 'agent please') {
        // A person answers from now on, whoever had the chat.
        await plugin.responders.own(turn.sessionId, turn.chatId, { kind: 'agent', replace: true })
        recordTurn(plugin.id, turn, 'claimed, owns the chat')
        return { claim: true }
      }
      if (turn.owner?.pluginId === plugin.id) {
        recordTurn(plugin.id, turn, 'claimed as owner')
        return { claim: true }
      }
      return recordTurn(plugin.id, turn, 'passed')
    })
    plugin.router.post('/take/:sessionId/:chatId', async (ctx) => {
      try {
        ctx.body = await plugin.responders.own(ctx.params.sessionId!, ctx.params.chatId!, { kind: 'agent' })
      } catch (error) {
        const { code, status } = error as { code: string; status: number }
        ctx.status = status
        ctx.body = { error: { code, message: (error as Error).message, details: null } }
      }
    })
  },
})
