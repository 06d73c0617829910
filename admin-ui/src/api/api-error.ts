/** An error answer of the WaQtor API: `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown
  /** Field errors by field path without its location prefix (`body.email` → `email`). */
  readonly fields: Record<string, string>

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.fields = fieldErrors(details)
  }
}

function fieldErrors(details: unknown): Record<string, string> {
  if (!Array.isArray(details)) return {}
  const fields: Record<string, string> = {}
  for (const item of details as unknown[]) {
    if (!item || typeof item !== 'object') continue
    const { field, message } = item as { field?: unknown; message?: unknown }
    if (typeof field !== 'string' || typeof message !== 'string') continue
    for (const name of field.split(', ')) {
      const key = name.replace(/^(body|query|params)\./, '')
      fields[key] ??= message
    }
  }
  return fields
}

/** A network failure (server down, offline) rather than an answer. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached', { cause })
    this.name = 'NetworkError'
  }
}
