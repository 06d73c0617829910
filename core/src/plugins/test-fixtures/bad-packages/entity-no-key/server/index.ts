import { EntitySchema } from '@mikro-orm/core'
import { definePlugin } from '../../../../define-plugin.ts'

class KeylessRow {
  text!: string
}

export default definePlugin({
  entities: [new EntitySchema<KeylessRow>({ class: KeylessRow, tableName: 'entity_no_key_rows', properties: { text: { type: 'string' } } })],
  register() {},
})
