/** The server's rule for a session id (core/src/auth/auth-schemas.ts clientIdSchema). */
export const clientIdPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/
/** Ids that name API routes (`GET /api/sessions/list`), so no session may take them. */
export const reservedClientIds: ReadonlySet<string> = new Set(['list', 'create'])

/** Why an id is refused, as a `sessions.create.errors` key, or null when it is fine. */
export function clientIdProblem(id: string): 'required' | 'format' | 'reserved' | null {
  if (id === '') return 'required'
  if (!clientIdPattern.test(id)) return 'format'
  if (reservedClientIds.has(id)) return 'reserved'
  return null
}

