import { z } from 'zod'
import { defineEvent } from '../../../../../bus/define-event.ts'
import { definePlugin } from '../../../../define-plugin.ts'

// Emits whatever event name it is asked to: only its own ("emitter.…") may go through.
export default definePlugin({
  register(plugin) {
    plugin.api.route({
      method: 'post',
      path: '/emit',
      summary: 'Emit an event by name',
      body: z.object({ name: z.string(), label: z.string() }).strict(),
      status: 204,
      async handler(_ctx, { body }) {
        await plugin.bus.emit(defineEvent<{ label: string }>(body.name), { label: body.label })
      },
    })
  },
})
