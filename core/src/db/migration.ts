import type { Knex } from '@mikro-orm/knex'

export type DatabasePlatform = 'sqlite' | 'postgresql'

/**
 * What a migration step receives: knex bound to the migration's transaction. Use a new
 * `knex.schema` for each statement: a schema builder replays everything it has been given.
 */
export interface MigrationTools {
  knex: Knex
  platform: DatabasePlatform
}

/**
 * A versioned schema change, written once for SQLite and PostgreSQL with knex's schema builder.
 * `name` must sort in the order the steps apply (a date or number prefix) and never change.
 */
export interface MigrationDefinition {
  name: string
  up(tools: MigrationTools): Promise<void>
  down?(tools: MigrationTools): Promise<void>
}

export function defineMigration(migration: MigrationDefinition): MigrationDefinition {
  return migration
}
