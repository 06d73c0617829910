import type { MigrationDefinition } from '../migration.ts'
import { initMigration } from './20261125-001-init.ts'
import { sessionsMessagesMigration } from './20261125-002-sessions-messages.ts'
import { notificationsMigration } from '../../notifications/20261125-003-notifications.ts'

/** Core migrations, oldest first. Append; never edit or reorder a released one. */
export const coreMigrations: MigrationDefinition[] = [initMigration, sessionsMessagesMigration, notificationsMigration]
