import type { EntityManager } from '@mikro-orm/core'
import { Session } from '../db/entities/index.ts'
import { InputError } from '../errors/app-error.ts'

/** Refuses grants to sessions that do not exist, naming the offending entry. */
export async function assertSessionsExist(em: EntityManager, sessionIds: string[], field: string): Promise<string[]> {
  const unique = [...new Set(sessionIds)]
  if (unique.length === 0) return unique
  const found = new Set((await em.find(Session, { clientId: { $in: unique } }, { fields: ['clientId'] })).map((session) => session.clientId))
  const missing = unique.filter((id) => !found.has(id))
  if (missing.length > 0) {
    throw InputError.fields(missing.map((id) => ({ field: `${field}[${sessionIds.indexOf(id)}]`, message: `unknown session "${id}"` })))
  }
  return unique
}
