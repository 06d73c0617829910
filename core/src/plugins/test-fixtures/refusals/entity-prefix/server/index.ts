import { EntitySchema } from '@mikro-orm/core'
import { definePlugin } from '../../../../define-plugin.ts'

class LooseNote {
  id!: number
  body!: string
}

// The table would collide with anyone's "notes": plugin tables must start with "entity_prefix_".
const LooseNoteSchema = new EntitySchema<LooseNote>({
  class: LooseNote,
  tableName: 'notes',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    body: { type: 'string', length: 200 },
  },
})

export default definePlugin({
  entities: [LooseNoteSchema],
  register() {},
})
