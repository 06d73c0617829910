import { definePlugin } from '../../../../define-plugin.ts'
import { fixtureLog, thingHappened } from '../../../fixture-helpers.ts'

export default definePlugin({
  register(plugin) {
    plugin.bus.on(thingHappened, (thing) => {
      fixtureLog().push(`start-throws got ${thing.label}`)
    }, { id: 'record' })
    plugin.router.get('/ping', (ctx) => {
      ctx.body = { pong: plugin.id }
    })
  },
  start() {
    throw new Error('cannot reach the CRM')
  },
})
