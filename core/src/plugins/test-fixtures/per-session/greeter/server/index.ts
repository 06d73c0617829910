import { z } from 'zod'
import { definePlugin } from '../../../../define-plugin.ts'
import { thingHappened } from '../../../fixture-helpers.ts'

interface GreeterConfig {
  greeting: string
  maxPerHour?: number
}

const greeted = z.object({ sessionId: z.string().nullable(), label: z.string(), greeting: z.string().nullable() })

export default definePlugin<GreeterConfig>({
  register(plugin) {
    // Per kernel: a kernel that re-registered the plugin would start from an empty list.
    const received: Array<z.infer<typeof greeted>> = []
    plugin.bus.on(thingHappened, (thing) => {
      const greeting = thing.sessionId === undefined ? null : plugin.sessionConfig(thing.sessionId).greeting
      received.push({ sessionId: thing.sessionId ?? null, label: thing.label, greeting })
    }, { id: 'greet' })

    plugin.api.route({
      method: 'get',
      path: '/received',
      summary: 'Events this plugin received, oldest first',
      response: z.object({ items: z.array(greeted) }),
      handler: () => ({ items: received }),
    })
    plugin.api.route({
      method: 'get',
      path: '/config/:sessionId',
      summary: 'The settings in effect for one session',
      params: z.object({ sessionId: z.string() }),
      response: z.object({ greeting: z.string(), maxPerHour: z.number().int().optional() }).strict(),
      handler: (_ctx, { params }) => ({ ...plugin.sessionConfig(params.sessionId) }),
    })
  },
})
