import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, NetworkError } from '../../api/api-error.ts'
import { mapServerErrors } from './schema-errors.ts'
import type { JsonSchema } from './schema-model.ts'
import { validateValues, type SchemaIssue, type SchemaValues } from './schema-values.ts'

/**
 * The errors of a settings form built from a JSON Schema: the form's own checks and the server's
 * 400, each on its field (by path) in the reader's language, and the rest above the form.
 */
export function useSchemaFormErrors() {
  const { t, n } = useI18n()
  const fields = ref<Record<string, string>>({})
  const messages = ref<string[]>([])

  function word(issue: SchemaIssue | string): string {
    if (typeof issue === 'string') return issue
    const params: Record<string, unknown> = { name: issue.path }
    for (const [key, value] of Object.entries(issue.params ?? {})) params[key] = typeof value === 'number' ? n(value) : value
    if (issue.key === 'item') {
      const problem = t(`schemaForm.errors.${String(issue.params?.problem)}`, params)
      return t('schemaForm.errors.item', { item: String(issue.params?.item), problem })
    }
    return t(`schemaForm.errors.${issue.key}`, params)
  }

  function clear(): void {
    fields.value = {}
    messages.value = []
  }

  /** The field was edited: its error no longer describes it. */
  function dismiss(path: string): void {
    if (!(path in fields.value)) return
    const { [path]: _gone, ...rest } = fields.value
    fields.value = rest
    if (Object.keys(rest).length === 0) messages.value = messages.value.filter((message) => message !== t('errors.checkFields'))
  }

  /** Checks the values before they are sent; answers whether they may be. */
  function check(schema: JsonSchema | null | undefined, values: SchemaValues, inherited: SchemaValues = {}): boolean {
    clear()
    const issues = validateValues(schema, values, inherited)
    fields.value = Object.fromEntries(issues.map((issue) => [issue.path, word(issue)]))
    if (issues.length > 0) messages.value = [t('errors.checkFields')]
    return issues.length === 0
  }

  /** Shows a refused save: field errors under `prefix` in the request body go on their fields. */
  function capture(error: unknown, schema: JsonSchema | null | undefined, prefix = ''): void {
    clear()
    if (error instanceof ApiError) {
      const mapped = mapServerErrors(schema, error.fields, prefix)
      fields.value = Object.fromEntries(Object.entries(mapped.fields).map(([path, issue]) => [path, word(issue)]))
      const general = mapped.other.map(word)
      const hasFields = Object.keys(fields.value).length > 0
      messages.value = hasFields || general.length > 0 ? [...(hasFields ? [t('errors.checkFields')] : []), ...general] : [error.message]
    } else if (error instanceof NetworkError) {
      messages.value = [t('errors.network')]
    } else {
      messages.value = [error instanceof Error ? error.message : String(error)]
    }
  }

  return { fields, messages, clear, dismiss, check, capture, word }
}
