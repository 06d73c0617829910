import multer from 'multer'
import type { ApiContext } from '../../http/api-context.ts'
import { InputError } from '../../errors/app-error.ts'
import { mediaTooLarge } from './media-errors.ts'

export interface UploadedFile {
  bytes: Buffer
  /** As the client declared it; may be missing or generic. */
  mimetype: string | null
  filename: string | null
}

type MulterHandler = ReturnType<ReturnType<typeof multer>['single']>
type MulterRequest = Parameters<MulterHandler>[0]
type MulterResponse = Parameters<MulterHandler>[1]

/** Reads a multipart body held in memory: text fields, and at most one file in the field `file`. */
export async function readMultipartBody(ctx: ApiContext, maxFileBytes: number): Promise<{ fields: Record<string, unknown>; file: UploadedFile | null }> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxFileBytes, files: 1, fields: 20, parts: 21, fieldSize: 256 * 1024, fieldNameSize: 100 },
  }).single('file')
  const req = ctx.req as unknown as MulterRequest
  try {
    await new Promise<void>((resolve, reject) => upload(req, ctx.res as unknown as MulterResponse, (error?: unknown) => (error ? reject(error) : resolve())))
  } catch (error) {
    throw translate(error, maxFileBytes)
  }
  const file = req.file
  const fields = { ...(req.body as Record<string, unknown> | undefined) }
  return {
    fields,
    file: file ? { bytes: file.buffer, mimetype: file.mimetype || null, filename: file.originalname || null } : null,
  }
}

function translate(error: unknown, maxFileBytes: number): Error {
  if (!(error instanceof multer.MulterError)) {
    const reason = error instanceof Error ? error.message : 'unreadable'
    return InputError.fields([{ field: 'body', message: `malformed multipart/form-data (${reason})` }], 'INVALID_MULTIPART')
  }
  const field = error.field ? `body.${error.field}` : 'body'
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return mediaTooLarge(field, maxFileBytes)
    case 'LIMIT_UNEXPECTED_FILE':
      return InputError.fields([{ field, message: 'unexpected file: send one file, in the field "file"' }])
    case 'LIMIT_FILE_COUNT':
      return InputError.fields([{ field: 'body.file', message: 'send one file only' }])
    case 'LIMIT_FIELD_VALUE':
      return InputError.fields([{ field, message: 'is too long' }])
    default:
      return InputError.fields([{ field: 'body', message: `refused multipart/form-data: ${error.message}` }], 'INVALID_MULTIPART')
  }
}
