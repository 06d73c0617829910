import { EntitySchema } from '@mikro-orm/core'
import { defineMigration } from '../../../../../db/migration.ts'
import { definePlugin } from '../../../../define-plugin.ts'

class NeighbourVisit {
  id!: number
  at!: string
}

const NeighbourVisitSchema = new EntitySchema<NeighbourVisit>({
  class: NeighbourVisit,
  tableName: 'neighbour_visits',
  properties: { id: { type: 'integer', primary: true, autoincrement: true }, at: { type: 'string', length: 40 } },
})

// Healthy, with an entity and a migration: it must work whatever its broken neighbours do.
export default definePlugin({
  entities: [NeighbourVisitSchema],
  migrations: [
    defineMigration({
      name: '001-create-visits',
      async up({ knex }) {
        await knex.schema.createTable('neighbour_visits', (table) => {
          table.increments('id')
          table.string('at', 40).notNullable()
        })
      },
    }),
  ],
  register(plugin) {
    plugin.router.post('/visits', async (ctx) => {
      const visit = plugin.db.em.create(NeighbourVisit, { at: 'now' })
      await plugin.db.em.flush()
      ctx.status = 201
      ctx.body = { id: visit.id }
    })
  },
})
