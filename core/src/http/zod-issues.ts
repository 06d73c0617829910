import type { z } from 'zod'
import type { FieldIssue } from '../errors/app-error.ts'

/**
 * Turns zod issues into `{ field, message }` pairs, the field prefixed with where it came from.
 * Parse with `{ reportInput: true }` so missing fields read "is required".
 */
export function toFieldIssues(issues: z.core.$ZodIssue[], location: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    const field = path ? `${location}.${path}` : location
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.map((key) => (path ? `${field}.${key}` : `${location}.${key}`)).join(', '), message: 'unknown field' }
    }
    // Only when the input was reported (`reportInput`) can a missing value be told from a wrong one.
    const missing = 'input' in issue && issue.input === undefined
    if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return { field, message: 'is required' }
    return { field, message: issue.message }
  })
}
