import { assertRole, assertSessionAccess, writerRoles } from '../../auth/principal.ts'
import { AppError } from '../../errors/app-error.ts'
import type { ApiContext } from '../../http/api-context.ts'
import { readJsonBody } from './read-json-body.ts'
import { readMultipartBody, type UploadedFile } from './read-multipart-body.ts'

const uploads = new WeakMap<ApiContext, UploadedFile>()

/**
 * Runs before the send-media route: reads its JSON or multipart body with the media size limit
 * (the global body parser skips this route, see `mediaRouteBypass`). The caller's role and session
 * are checked first, so nobody can make us read a large body they may not send. Text fields become
 * `ctx.request.body` (validated by the route's schema); the file is kept for {@link takeUpload}.
 */
export function mediaBodyReader(maxFileBytes: number) {
  return async (ctx: ApiContext, next: () => Promise<unknown>): Promise<void> => {
    const principal = assertRole(ctx.state.principal, writerRoles)
    if (typeof ctx.query.clientId === 'string') assertSessionAccess(principal, ctx.query.clientId)
    if (ctx.is('multipart/form-data')) {
      const { fields, file } = await readMultipartBody(ctx, maxFileBytes)
      // HTML forms send empty inputs as empty strings: an empty optional field is an absent one.
      ctx.request.body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''))
      if (file) uploads.set(ctx, file)
    } else if (ctx.is('json')) {
      ctx.request.body = await readJsonBody(ctx, maxFileBytes)
    } else if (ctx.is() !== null) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'body: send application/json or multipart/form-data', {
        status: 415,
        details: [{ field: 'headers.content-type', message: 'must be application/json or multipart/form-data' }],
      })
    }
    await next()
  }
}

/** The file uploaded with this request, if any. */
export function takeUpload(ctx: ApiContext): UploadedFile | null {
  const file = uploads.get(ctx) ?? null
  uploads.delete(ctx)
  return file
}
