import { AppError, InputError } from '../../errors/app-error.ts'

/** 413 naming the field that carried the file (`body.file`, `body.data` or `body.url`). */
export function mediaTooLarge(field: string, maxBytes: number): AppError {
  const limit = `${formatMegabytes(maxBytes)} (${maxBytes} bytes)`
  return new AppError('MEDIA_TOO_LARGE', `${field}: the file is larger than the ${limit} allowed`, {
    status: 413,
    details: [{ field, message: `must be at most ${limit}` }],
  })
}

export function mediaInputError(field: string, message: string, code = 'VALIDATION_FAILED'): InputError {
  return InputError.fields([{ field, message }], code)
}

export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024)
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`
}
