import { EntitySchema } from '@mikro-orm/core'
import { definePlugin } from '../../../../define-plugin.ts'

class DottedRow {
  id!: number
}

export default definePlugin({
  entities: [new EntitySchema<DottedRow>({ class: DottedRow, tableName: 'entity_table_dotted_x.rows', properties: { id: { type: 'integer', primary: true } } })],
  register() {},
})
