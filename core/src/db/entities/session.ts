import { EntitySchema } from '@mikro-orm/core'
import type { GovernorOverride } from '../../messages/governor/governor-settings.ts'

/** One WhatsApp account. The session manager (sessions/) owns its lifecycle. */
export class Session {
  clientId!: string
  name!: string
  driver!: string
  status!: string
  phone?: string | null
  lastError?: string | null
  /** Whether the session should run: restored at kernel start when `running`. */
  desiredState!: 'running' | 'stopped'
  /** The session's own sending governor settings (plugin sends); null follows the defaults of its driver. */
  governor?: GovernorOverride | null
  createdAt!: Date
  updatedAt!: Date
}

export const SessionSchema = new EntitySchema<Session>({
  class: Session,
  tableName: 'sessions',
  properties: {
    clientId: { type: 'string', primary: true, length: 63 },
    name: { type: 'string', length: 200 },
    driver: { type: 'string', length: 32 },
    status: { type: 'string', length: 32 },
    phone: { type: 'string', length: 32, nullable: true },
    lastError: { type: 'text', nullable: true },
    desiredState: { type: 'string', length: 16, default: 'running' },
    governor: { type: 'json', nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
})
