import type { MikroORM } from '@mikro-orm/core'
import type { Logger } from '../logging/create-logger.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginHost } from '../plugins/plugin-host.ts'

/**
 * Core migrations first (a failure stops start-up), then each plugin's in dependency order, each in
 * its own transaction: a plugin whose migration fails is marked failed and the others carry on.
 */
export async function migrateAll(orm: MikroORM, plugins: PluginHost, logger: Logger): Promise<void> {
  const migrator = orm.getMigrator()
  const pending = (await migrator.getPendingMigrations()).map((migration) => migration.name)
  const owners = ['core', ...plugins.migrations().map((group) => group.owner)]
  for (const owner of owners) {
    const names = pending.filter((name) => name.startsWith(`${owner}/`))
    if (names.length === 0) continue
    try {
      await migrator.up({ migrations: names })
      logger.info({ owner, migrations: names }, 'migrations applied')
    } catch (error) {
      if (owner === 'core') throw error
      plugins.fail(owner, new PluginError('PLUGIN_MIGRATION_FAILED', owner, `migration failed: ${(error as Error).message}`, undefined, error))
    }
  }
}
