import { EntitySchema } from '@mikro-orm/core'
import { definePlugin } from '../../../../define-plugin.ts'

// Named like the core's User entity: MikroORM keys entities by class name, so this would replace it.
class User {
  id!: number
}

export default definePlugin({
  entities: [new EntitySchema<User>({ class: User, tableName: 'entity_name_taken_users', properties: { id: { type: 'integer', primary: true } } })],
  register() {},
})
