import type { Role } from '../db/entities/user.ts'
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors/app-error.ts'

/** The authenticated caller of a request or socket: a logged-in user or an API key. */
export interface Principal {
  kind: 'user' | 'api-key'
  id: string
  name: string
  role: Role
  /** Sessions the caller may see; null means every session (admins). */
  sessions: ReadonlySet<string> | null
}

/** Which user or API key: what a change to credentials names. */
export type PrincipalRef = Pick<Principal, 'kind' | 'id'>

export function canAccessSession(principal: Principal, sessionId: string): boolean {
  return principal.sessions === null || principal.sessions.has(sessionId)
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new UnauthorizedError()
  return principal
}

/**
 * Refuses a session the caller is not granted with the same 404 an unknown session gets,
 * so a key cannot probe which sessions exist.
 */
export function assertSessionAccess(principal: Principal | undefined, sessionId: string): Principal {
  const caller = requirePrincipal(principal)
  if (!canAccessSession(caller, sessionId)) throw new NotFoundError('SESSION_NOT_FOUND', `session ${sessionId}`)
  return caller
}

export function assertRole(principal: Principal | undefined, allowed: readonly Role[]): Principal {
  const caller = requirePrincipal(principal)
  if (!allowed.includes(caller.role)) {
    throw new ForbiddenError('FORBIDDEN_ROLE', `This needs the role ${allowed.join(' or ')}; you are ${caller.role}`)
  }
  return caller
}

/** Roles that may change data; viewers only read. */
export const writerRoles: readonly Role[] = ['admin', 'agent']
