import { messageReceived, type MessageEventPayload } from '../../../core-events.ts'
import { definePlugin } from '../../../../plugins/define-plugin.ts'

type Tagged = MessageEventPayload & { consentChecked?: boolean }

export default definePlugin({
  register(plugin) {
    const seen: Array<boolean | null> = []
    plugin.bus.intercept(messageReceived, (message) => ({ ...message, consentChecked: true }) as Tagged, { id: 'tag' })
    plugin.bus.on(messageReceived, (message) => void seen.push((message as Tagged).consentChecked ?? null), { id: 'read-tag' })
    plugin.router.get('/seen', (ctx) => {
      ctx.body = { seen }
    })
  },
})
