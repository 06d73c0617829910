import type { EntitySchema } from '@mikro-orm/core'
import { definePlugin } from '../../../../define-plugin.ts'

// A class where an EntitySchema belongs (decorator style, which WaQtor does not discover).
class Ticket {
  id!: number
}

export default definePlugin({
  entities: [Ticket as unknown as EntitySchema],
  register() {},
})
