import type { MigrationDefinition } from '../migration.ts'
import { initMigration } from './20261125-001-init.ts'

/** Core migrations, oldest first. Append; never edit or reorder a released one. */
export const coreMigrations: MigrationDefinition[] = [initMigration]
