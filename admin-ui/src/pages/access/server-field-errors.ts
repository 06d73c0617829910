import { ApiError } from '../../api/api-error.ts'
import type { useFormErrors } from '../../composables/use-form-errors.ts'
import { isolate } from './bidi-isolate.ts'

type Translate = (key: string, named?: Record<string, unknown>) => string
type FormErrors = ReturnType<typeof useFormErrors>

/** Server field messages the panel knows, in the reader's language; anything else is shown as sent. */
const knownMessages: Array<[RegExp, (match: RegExpExecArray, t: Translate) => string]> = [
  [/^this is the last active admin$/, (_m, t) => t('access.serverMessages.lastAdmin')],
  [/^you cannot disable yourself$/, (_m, t) => t('access.serverMessages.cannotDisableSelf')],
  [/^you cannot delete yourself$/, (_m, t) => t('access.serverMessages.cannotDeleteSelf')],
  [/^must be in the future$/, (_m, t) => t('access.serverMessages.mustBeFuture')],
  [/^is wrong$/, (_m, t) => t('access.serverMessages.isWrong')],
  [/^is required$/, (_m, t) => t('errors.required')],
  [/^at least (\d+) characters$/, (m, t) => t('access.serverMessages.minLength', { min: m[1] })],
  [/^unknown session "(.+)"$/, (m, t) => t('access.serverMessages.unknownSession', { id: isolate(m[1] ?? '') })],
  [/^admin keys see every session$/, (_m, t) => t('access.serverMessages.adminKeysAllSessions')],
  [/^invalid email/i, (_m, t) => t('access.serverMessages.invalidEmail')],
]

export function localizeServerMessage(message: string, t: Translate): string {
  for (const [pattern, render] of knownMessages) {
    const match = pattern.exec(message)
    if (match) return render(match, t)
  }
  return message
}

/**
 * The server's field errors, keyed by the form's field: `sessions[2]` and `sessions.2` belong to
 * `sessions`, `id` (the user or key in the address) to the whole record.
 */
export function serverFieldErrors(error: unknown, t: Translate): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const fields: Record<string, string> = {}
  for (const [field, message] of Object.entries(error.fields)) {
    const name = field.split(/[.[]/)[0] ?? field
    fields[name] ??= localizeServerMessage(message, t)
  }
  // A 409 names its field in an object, not the 400's list.
  const detail = error.details as { field?: unknown } | null
  if (error.code === 'USER_EMAIL_TAKEN') fields.email = t('access.serverMessages.emailTaken')
  else if (error.status === 409 && typeof detail?.field === 'string') fields[detail.field.replace(/^body\./, '')] ??= error.message
  return fields
}

/** Shows a failed submit on the form: each server field error on its field, the rest above it. */
export function showServerError(form: FormErrors, error: unknown, t: Translate): void {
  form.capture(error)
  const fields = serverFieldErrors(error, t)
  if (Object.keys(fields).length === 0) return
  form.fields.value = fields
  form.message.value = t('errors.checkFields')
}

/** One sentence for an error outside a form (a refused delete): the field's message if there is one. */
export function serverErrorText(error: unknown, t: Translate): string {
  const fields = serverFieldErrors(error, t)
  return Object.values(fields)[0] ?? (error instanceof Error ? error.message : String(error))
}
