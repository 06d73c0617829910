import type { MigrationDefinition } from '../migration.ts'
import { initMigration } from './20261125-001-init.ts'
import { sessionsMessagesMigration } from './20261125-002-sessions-messages.ts'
import { notificationsMigration } from '../../notifications/20261125-003-notifications.ts'
import { jobsMigration } from './20261205-001-jobs.ts'
import { contactLocaleFilesMigration } from './20261205-002-contact-locale-files.ts'
import { chatOwnersMigration } from './20261205-003-chat-owners.ts'
import { sessionGovernorMigration } from './20261205-004-session-governor.ts'

/** Core migrations, oldest first. Append; never edit or reorder a released one. */
export const coreMigrations: MigrationDefinition[] = [initMigration, sessionsMessagesMigration, notificationsMigration, jobsMigration, contactLocaleFilesMigration, chatOwnersMigration, sessionGovernorMigration]
