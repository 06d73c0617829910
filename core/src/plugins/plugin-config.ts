import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FieldIssue } from '../errors/app-error.ts'

const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true, coerceTypes: false })
addFormats.default(ajv)

/** Validates plugin settings against the manifest's configSchema, filling in declared defaults. */
export class PluginConfigValidator {
  private readonly validate: ValidateFunction | undefined

  constructor(configSchema: Record<string, unknown> | undefined) {
    this.validate = configSchema ? ajv.compile(configSchema) : undefined
  }

  /** Returns a validated copy with defaults applied, or the issues naming each field under `prefix`. */
  check(value: unknown, prefix: string): { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
    const copy = structuredClone(value ?? {}) as Record<string, unknown>
    if (!this.validate) return { ok: true, value: copy }
    if (this.validate(copy)) return { ok: true, value: copy }
    return { ok: false, issues: (this.validate.errors ?? []).map((error) => toIssue(error, prefix)) }
  }
}

function toIssue(error: ErrorObject, prefix: string): FieldIssue {
  let pointer = error.instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (error.keyword === 'required') pointer = [pointer, (error.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.')
  if (error.keyword === 'additionalProperties') pointer = [pointer, (error.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join('.')
  const message = error.keyword === 'additionalProperties' ? 'is not an allowed setting' : error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid')
  return { field: pointer ? `${prefix}.${pointer}` : prefix, message }
}
