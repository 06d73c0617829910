import { definePlugin } from '../../../../define-plugin.ts'
import { fixtureLog, thingHappened } from '../../../fixture-helpers.ts'

// Starts fine next to every broken fixture: the kernel goes on without them.
export default definePlugin({
  register(plugin) {
    plugin.bus.on(thingHappened, (thing) => {
      fixtureLog().push(`healthy got ${thing.label}`)
    }, { id: 'record' })
    plugin.router.get('/ping', (ctx) => {
      ctx.body = { pong: plugin.id }
    })
  },
})
