import { leafFields, schemaFields, type JsonSchema } from './schema-model.ts'
import type { SchemaIssue } from './schema-values.ts'

/**
 * The server checks settings with ajv and answers its messages in English: the usual ones become
 * issues the form words in the reader's language; others are shown as sent.
 */
const ajvMessages: Array<[RegExp, (match: RegExpExecArray) => Omit<SchemaIssue, 'path'>]> = [
  [/^is required$/, () => ({ key: 'required' })],
  [/^must have required property/, () => ({ key: 'required' })],
  [/^is not an allowed setting$/, () => ({ key: 'unknownSetting' })],
  [/^must be >= (-?[\d.e+]+)$/, (m) => ({ key: 'minimum', params: { min: Number(m[1]) } })],
  [/^must be <= (-?[\d.e+]+)$/, (m) => ({ key: 'maximum', params: { max: Number(m[1]) } })],
  [/^must be > (-?[\d.e+]+)$/, (m) => ({ key: 'exclusiveMinimum', params: { min: Number(m[1]) } })],
  [/^must be < (-?[\d.e+]+)$/, (m) => ({ key: 'exclusiveMaximum', params: { max: Number(m[1]) } })],
  [/^must NOT have fewer than (\d+) characters$/, (m) => ({ key: 'minLength', params: { min: Number(m[1]) } })],
  [/^must NOT have more than (\d+) characters$/, (m) => ({ key: 'maxLength', params: { max: Number(m[1]) } })],
  [/^must NOT have fewer than (\d+) items$/, (m) => ({ key: 'minItems', params: { min: Number(m[1]) } })],
  [/^must NOT have more than (\d+) items$/, (m) => ({ key: 'maxItems', params: { max: Number(m[1]) } })],
  [/^must NOT have duplicate items/, () => ({ key: 'uniqueItems' })],
  [/^must match pattern /, () => ({ key: 'pattern' })],
  [/^must match format "email"$/, () => ({ key: 'email' })],
  [/^must match format "(uri|url)"$/, () => ({ key: 'url' })],
  [/^must be integer$/, () => ({ key: 'integer' })],
  [/^must be (number|string|boolean|array|object)$/, (m) => ({ key: `type.${m[1]}` })],
  [/^must be equal to one of the allowed values$/, () => ({ key: 'enum' })],
]

/** The issue an ajv message describes, or undefined when the form has no words for it. */
export function issueOfMessage(path: string, message: string): SchemaIssue | undefined {
  for (const [pattern, issue] of ajvMessages) {
    const match = pattern.exec(message)
    if (match) return { path, ...issue(match) }
  }
  return undefined
}

export interface MappedServerErrors {
  /** By field path: the message the server gave, or the issue the form can word itself. */
  fields: Record<string, SchemaIssue | string>
  /** Errors that name no field of the form (the settings object as a whole, an unknown key). */
  other: Array<SchemaIssue | string>
}

/**
 * Puts the server's field errors on the form's fields. `serverFields` are ApiError.fields
 * (`settings.greeting`, `settings.tags.2`); `prefix` is where the settings sit in the request body
 * (`settings`). An error inside a list belongs to the list's field.
 */
export function mapServerErrors(schema: JsonSchema | null | undefined, serverFields: Record<string, string>, prefix = ''): MappedServerErrors {
  const paths = leafFields(schemaFields(schema))
    .map((field) => field.path)
    .sort((a, b) => b.length - a.length)
  const result: MappedServerErrors = { fields: {}, other: [] }
  for (const [field, message] of Object.entries(serverFields)) {
    if (prefix && field !== prefix && !field.startsWith(`${prefix}.`)) continue
    const relative = prefix ? field.slice(prefix.length + 1) : field
    const path = paths.find((candidate) => relative === candidate || relative.startsWith(`${candidate}.`) || relative.startsWith(`${candidate}[`))
    const issue = issueOfMessage(path ?? relative, message) ?? message
    if (path) result.fields[path] ??= issue
    else result.other.push(typeof issue === 'string' ? `${relative || prefix}: ${issue}` : issue)
  }
  return result
}
