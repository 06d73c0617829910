import path from 'node:path'
import type { MikroORM } from '@mikro-orm/core'
import type { Clock } from '../clock/index.ts'
import type { WaqtorConfig } from '../config/config-schema.ts'
import type { DatabasePlatform } from '../db/migration.ts'
import { FileService } from '../files/file-service.ts'
import { registerFileRoutes } from '../files/file-routes.ts'
import { LocalFileStore } from '../files/local-file-store.ts'
import { UrlSigner } from '../files/signed-url.ts'
import { resolveSigningKey } from '../files/signing-key.ts'
import type { ApiRouter } from '../http/api-router.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { PluginRecord } from '../plugins/plugin-record.ts'
import { CoreContactData } from './core-contact-data.ts'
import { CoreUserData } from './core-user-data.ts'
import { PrivacyRegistry } from './privacy-registry.ts'
import { registerPrivacyRoutes } from './privacy-routes.ts'

/** Plugin files and the personal-data registry: what the kernel builds once its database is open. */
export interface DataServices {
  files: FileService
  privacy: PrivacyRegistry
}

export interface DataServicesOptions {
  orm: MikroORM
  platform: DatabasePlatform
  config: Pick<WaqtorConfig, 'dataDir' | 'filesMaxMb' | 'filesAllowedTypes' | 'filesSigningSecret' | 'filesUrlMaxTtlSeconds'>
  /** Where a relative dataDir is resolved from. */
  cwd: string
  clock: Clock
  plugins: () => readonly PluginRecord[]
  logger: Logger
  /** A user's logins ended: close their sockets. */
  credentialsChanged: (userId: string) => Promise<void>
  /** A contact's chat lost its owner row (erase): forget the cached owner. */
  chatOwnersErased?: (sessionId: string, chatId: string) => void
}

export async function createDataServices(options: DataServicesOptions): Promise<DataServices> {
  const { config } = options
  const filesDir = path.resolve(options.cwd, config.dataDir, 'files')
  const signer = new UrlSigner(await resolveSigningKey(config.filesSigningSecret, filesDir))
  const files = new FileService(options.orm, new LocalFileStore(filesDir), signer, {
    maxBytes: config.filesMaxMb * 1024 * 1024,
    allowedTypes: config.filesAllowedTypes,
    maxUrlTtlSeconds: config.filesUrlMaxTtlSeconds,
  }, options.clock)
  const privacy = new PrivacyRegistry(
    { contact: new CoreContactData(options.orm, options.platform, () => files, options.chatOwnersErased), user: new CoreUserData(options.orm, options.credentialsChanged) },
    options.plugins,
    options.logger,
  )
  warnUndeclaredPersonalData(options.plugins(), options.logger)
  return { files, privacy }
}

/** A plugin with tables that does not say whether they hold personal data is loaded, with a warning to its author and operator. */
function warnUndeclaredPersonalData(records: readonly PluginRecord[], logger: Logger): void {
  for (const record of records) {
    const tables = (record.definition?.entities?.length ?? 0) + (record.definition?.migrations?.length ?? 0)
    if (tables > 0 && record.manifest && record.manifest.personalData === undefined) {
      logger.warn({ plugin: record.id }, `plugin "${record.id}" declares tables but not whether they hold personal data: set "personalData" in its plugin.json (docs/plugin-api/privacy.md)`)
    }
  }
}

/** `GET /api/files/signed/:id` (no credentials) and the admin's `POST /api/privacy/export|erase`. */
export function registerDataRoutes(api: ApiRouter, services: () => DataServices): void {
  registerFileRoutes({ api, files: () => services().files })
  registerPrivacyRoutes({ api, privacy: () => services().privacy })
}
