import type { MikroORM } from '@mikro-orm/core'
import type { SqlEntityManager } from '@mikro-orm/knex'

/** A fresh EntityManager with query-builder access; both supported databases are SQL (knex) drivers. */
export function forkSqlEm(orm: MikroORM): SqlEntityManager {
  return orm.em.fork() as SqlEntityManager
}
