import { ApiError, NetworkError } from '../../api/api-error.ts'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** Server messages about sessions the panel can say in the reader's language. */
const knownMessages: Array<[RegExp, string]> = [
  [/^a session id: /, 'sessions.create.errors.format'],
  [/^is reserved/, 'sessions.create.errors.reserved'],
  [/^is required$/, 'errors.required'],
  [/^must be the account phone number/, 'sessions.pairing.invalidPhone'],
]

export function localizeSessionMessage(message: string, t: Translate): string {
  const known = knownMessages.find(([pattern]) => pattern.test(message))
  return known ? t(known[1]) : message
}

/**
 * The server's field errors for a session form, by field: a 400's list, and the field a 409
 * names (`SESSION_EXISTS` names `body.clientId`).
 */
export function sessionFieldErrors(error: unknown, t: Translate): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const fields: Record<string, string> = {}
  for (const [field, message] of Object.entries(error.fields)) fields[field.split(/[.[]/)[0] ?? field] ??= localizeSessionMessage(message, t)
  if (error.code === 'SESSION_EXISTS') fields.clientId = t('sessions.create.errors.taken')
  else if (error.status === 409) {
    const field = (error.details as { field?: unknown } | null)?.field
    if (typeof field === 'string') fields[field.replace(/^body\./, '')] ??= error.message
  }
  return fields
}

/** One sentence for a failed action (a toast): what the server said, or that it could not be reached. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('errors.network')
  if (error instanceof ApiError) return Object.values(sessionFieldErrors(error, t))[0] ?? error.message
  return error instanceof Error ? error.message : String(error)
}
