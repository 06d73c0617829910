import { z } from 'zod'
import { definePlugin } from '../../../../define-plugin.ts'
import { fixtureLog, thingHappened } from '../../../fixture-helpers.ts'

// Registers a documented route, a plain route, a handler and an interceptor that drops every event,
// then throws: all of it must be undone.
export default definePlugin({
  register(plugin) {
    plugin.api.route({
      method: 'get',
      path: '/secret',
      summary: 'Never served: register() throws',
      response: z.object({ secret: z.string() }),
      handler: () => ({ secret: 'leaked' }),
    })
    plugin.router.get('/raw', (ctx) => {
      ctx.body = { raw: true }
    })
    plugin.bus.on(thingHappened, (thing) => {
      fixtureLog().push(`register-throws got ${thing.label}`)
    }, { id: 'record' })
    plugin.bus.intercept(thingHappened, () => null, { id: 'swallow-everything' })
    throw new Error('the CRM token is missing')
  },
})
