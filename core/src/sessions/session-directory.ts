import type { MikroORM } from '@mikro-orm/core'
import { Session } from '../db/entities/index.ts'

export interface SessionSummary {
  clientId: string
  name: string
  driver: string
  status: string
  phone: string | null
}

/** Read access to the sessions WaQtor knows, for routes and plugins. */
export class SessionDirectory {
  constructor(private readonly orm: MikroORM) {}

  async list(): Promise<SessionSummary[]> {
    const sessions = await this.orm.em.fork().find(Session, {}, { orderBy: { clientId: 'asc' } })
    return sessions.map(toSummary)
  }

  async get(clientId: string): Promise<SessionSummary | undefined> {
    const session = await this.orm.em.fork().findOne(Session, { clientId })
    return session ? toSummary(session) : undefined
  }

  async exists(clientId: string): Promise<boolean> {
    return (await this.orm.em.fork().count(Session, { clientId })) > 0
  }
}

function toSummary(session: Session): SessionSummary {
  return { clientId: session.clientId, name: session.name, driver: session.driver, status: session.status, phone: session.phone ?? null }
}
