import { EntitySchema } from '@mikro-orm/core'

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
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
})
