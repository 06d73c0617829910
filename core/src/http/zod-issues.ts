import type { z } from 'zod'
import type { FieldIssue } from '../errors/app-error.ts'

/** Turns zod issues into `{ field, message }` pairs, the field prefixed with where it came from. */
export function toFieldIssues(issues: z.core.$ZodIssue[], location: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    const field = path ? `${location}.${path}` : location
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.map((key) => (path ? `${field}.${key}` : `${location}.${key}`)).join(', '), message: 'unknown field' }
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return { field, message: 'is required' }
    return { field, message: issue.message }
  })
}
