import { AppError } from '../errors/app-error.ts'

export function fileTooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', `the file is larger than the ${maxBytes} bytes allowed`, { status: 413, expose: true, details: { maxBytes } })
}

export function fileTypeNotAllowed(type: string, allowed: readonly string[], what = 'type'): AppError {
  return new AppError('FILE_TYPE_NOT_ALLOWED', `files of ${what} ${type} may not be stored; allowed: ${allowed.join(', ')}`, {
    status: 415,
    expose: true,
    details: { type, allowed: [...allowed] },
  })
}
