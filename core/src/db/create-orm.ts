import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { MikroORM, type EntitySchema, type Options } from '@mikro-orm/core'
import { Migration, Migrator } from '@mikro-orm/migrations'
import { PostgreSqlDriver } from '@mikro-orm/postgresql'
import { SqliteDriver } from '@mikro-orm/sqlite'
import type { Knex } from '@mikro-orm/knex'
import type { Logger } from '../logging/create-logger.ts'
import type { DatabaseTarget } from './database-target.ts'
import type { MigrationDefinition, DatabasePlatform } from './migration.ts'

export interface NamedMigrations {
  /** `core` or a plugin id; migration names are stored as `<owner>/<name>`. */
  owner: string
  migrations: MigrationDefinition[]
}

export interface CreateOrmOptions {
  target: DatabaseTarget
  entities: EntitySchema[]
  /** Core first, then each plugin's, in dependency order. */
  migrations: NamedMigrations[]
  logger: Logger
}

export async function createOrm({ target, entities, migrations, logger }: CreateOrmOptions): Promise<MikroORM> {
  const shared: Partial<Options> = {
    entities,
    extensions: [Migrator],
    discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true, warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    debug: false,
    logger: (message: string) => logger.debug({ orm: message }, 'orm'),
    migrations: {
      tableName: 'waqtor_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      migrationsList: toMigrationsList(migrations, target.platform),
    },
  }
  if (target.platform === 'postgresql') {
    return MikroORM.init({ ...shared, driver: PostgreSqlDriver, clientUrl: target.location, pool: { min: 0, max: 10 } })
  }
  if (target.location !== ':memory:') mkdirSync(path.dirname(target.location), { recursive: true })
  const orm = await MikroORM.init({ ...shared, driver: SqliteDriver, dbName: target.location })
  // WAL lets readers proceed while a write commits. With WAL, synchronous=NORMAL syncs at
  // checkpoints instead of every commit: a crash of WaQtor loses nothing, a power cut may lose the
  // last commits but never corrupts the file (the SQLite documentation's recommended WAL setting).
  if (target.location !== ':memory:') {
    await orm.em.getConnection().execute('pragma journal_mode = wal')
    await orm.em.getConnection().execute('pragma synchronous = normal')
  }
  await orm.em.getConnection().execute('pragma busy_timeout = 5000')
  return orm
}

function toMigrationsList(groups: NamedMigrations[], platform: DatabasePlatform) {
  return groups.flatMap((group) =>
    group.migrations.map((definition) => ({
      name: `${group.owner}/${definition.name}`,
      class: toMikroMigration(definition, platform),
    })),
  )
}
function toMikroMigration(definition: MigrationDefinition, platform: DatabasePlatform) {
  return class extends Migration {
    override async up(): Promise<void> {
      const knex = this.transactionKnex()
      await definition.up({ knex, platform })
    }

    override async down(): Promise<void> {
      if (!definition.down) throw new Error(`migration ${definition.name} cannot be reverted`)
      const knex = this.transactionKnex()
      await definition.down({ knex, platform })
    }

    private transactionKnex(): Knex {
      return (this.ctx as Knex.Transaction | undefined) ?? this.getKnex()
    }
  }
}

