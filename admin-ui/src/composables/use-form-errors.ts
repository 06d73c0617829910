import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, NetworkError } from '../api/api-error.ts'

/**
 * The errors of one form: field messages from the server's 400 (or the form's own checks) and one
 * message for the rest.
 */
export function useFormErrors() {
  const { t } = useI18n()
  const fields = ref<Record<string, string>>({})
  const message = ref<string | null>(null)

  function clear(): void {
    fields.value = {}
    message.value = null
  }

  /** Shows an error thrown by a submit; returns false so a submit can `return capture(error)`. */
  function capture(error: unknown): false {
    clear()
    if (error instanceof ApiError) {
      fields.value = error.fields
      message.value = Object.keys(error.fields).length > 0 ? t('errors.checkFields') : error.message
    } else if (error instanceof NetworkError) {
      message.value = t('errors.network')
    } else {
      message.value = error instanceof Error ? error.message : String(error)
    }
    return false
  }

  /** Sets client-side field errors; answers whether there were none. */
  function check(errors: Record<string, string | false | null | undefined>): boolean {
    clear()
    const found = Object.fromEntries(Object.entries(errors).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    fields.value = found
    if (Object.keys(found).length > 0) message.value = t('errors.checkFields')
    return Object.keys(found).length === 0
  }

  return { fields, message, clear, capture, check }
}
