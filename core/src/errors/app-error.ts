/** Details carried to the client in `{ error: { code, message, details } }`. */
export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>> | undefined

export interface AppErrorOptions {
  status?: number
  expose?: boolean
  details?: ErrorDetails
  cause?: unknown
}

/** Marks AppErrors of every copy of @waqtor/core (a key in the global symbol registry). */
const appErrorBrand = Symbol.for('waqtor.app-error')

/**
 * The one error type the HTTP layer understands. `code` is stable and machine-readable
 * (plugins prefix theirs: `REAL_ESTATE_LISTING_NOT_FOUND`); `expose: false` hides the message.
 */
export class AppError extends Error {
  /**
   * `error instanceof AppError` holds for an AppError of another copy of @waqtor/core too: a plugin
   * folder with its own `node_modules/@waqtor/core` (installed for its tests) throws that copy's
   * `NotFoundError`, which must still answer 404 with its code. Subclasses keep the usual check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value)
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[appErrorBrand] === true
  }

  readonly code: string
  readonly status: number
  readonly expose: boolean
  readonly details: ErrorDetails

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.status = options.status ?? 500
    this.expose = options.expose ?? this.status < 500
    this.details = options.details
  }
}
Object.defineProperty(AppError.prototype, appErrorBrand, { value: true })

/** One field that failed validation: `field` is a dotted path such as `body.email`. */
export interface FieldIssue {
  field: string
  message: string
}

export class InputError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, { status: 400, details })
  }

  static fields(issues: FieldIssue[], code = 'VALIDATION_FAILED'): InputError {
    const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')
    return new InputError(code, `Invalid input: ${summary}`, issues.map((issue) => ({ ...issue })))
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'UNAUTHORIZED', message = 'Credentials are missing or invalid') {
    super(code, message, { status: 401 })
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'FORBIDDEN', message = 'You are not allowed to do this') {
    super(code, message, { status: 403 })
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, what: string) {
    super(code, `Not found: ${what}`, { status: 404 })
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, { status: 409, details })
  }
}

export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds: number, message = 'Too many requests') {
    super('RATE_LIMITED', message, { status: 429, details: { retryAfterSeconds } })
    this.retryAfterSeconds = retryAfterSeconds
  }
}
