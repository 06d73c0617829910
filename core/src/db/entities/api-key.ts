import { EntitySchema } from '@mikro-orm/core'
import type { Role } from './user.ts'

/** An API key; the secret is shown once at creation and only its SHA-256 is kept. */
export class ApiKey {
  id!: string
  name!: string
  /** The first characters of the key, shown in lists so a key can be recognised. */
  prefix!: string
  keyHash!: string
  role!: Role
  /** Granted sessions, or null for every session (admin keys only). */
  sessions!: string[] | null
  createdBy!: string
  createdAt!: Date
  lastUsedAt?: Date | null
  expiresAt?: Date | null
  revokedAt?: Date | null
}

export const ApiKeySchema = new EntitySchema<ApiKey>({
  class: ApiKey,
  tableName: 'api_keys',
  properties: {
    id: { type: 'string', primary: true, length: 36 },
    name: { type: 'string', length: 200 },
    prefix: { type: 'string', length: 16 },
    keyHash: { type: 'string', unique: true, length: 64, hidden: true },
    role: { type: 'string', length: 16 },
    sessions: { type: 'json', nullable: true },
    createdBy: { type: 'string', length: 36 },
    createdAt: { type: 'datetime' },
    lastUsedAt: { type: 'datetime', nullable: true },
    expiresAt: { type: 'datetime', nullable: true },
    revokedAt: { type: 'datetime', nullable: true },
  },
})
