import { z } from 'zod'
import { NotFoundError } from '../errors/app-error.ts'
import type { ApiRouter } from '../http/api-router.ts'
import type { FileService } from './file-service.ts'

/** `GET /api/files/signed/:id`: a plugin file by signed link, without credentials (the signature is one). */
export function registerFileRoutes({ api, files }: { api: ApiRouter; files: () => FileService }): void {
  api.route({
    method: 'get',
    path: '/files/signed/:id',
    summary: 'Download a plugin file by a signed link (plugin.files.signedUrl); no credentials',
    description: 'The link carries its expiry and an HMAC-SHA256 signature. A changed link answers 403 FILE_URL_INVALID, an expired one 403 FILE_URL_EXPIRED, a deleted file 404 FILE_NOT_FOUND.',
    tags: ['files'],
    access: 'public',
    params: z.object({ id: z.string().min(1).max(36) }),
    query: z.object({
      expires: z.coerce.number().int().min(0).max(1e11).describe('Unix time (seconds) the link stops working'),
      signature: z.string().min(1).max(200),
    }),
    errors: { 403: 'The link was changed or has expired', 404: 'The file was deleted' },
    async handler(ctx, { params, query }) {
      const service = files()
      const file = await service.resolveSigned(params.id, query.expires, query.signature)
      const stream = file ? await service.open(file) : null
      if (!file || !stream) throw new NotFoundError('FILE_NOT_FOUND', `file ${params.id} (deleted) / الملف ${params.id} (محذوف)`)
      ctx.type = file.type
      ctx.length = Number(file.size)
      ctx.attachment(file.name)
      ctx.set('X-Content-Type-Options', 'nosniff')
      ctx.set('Cache-Control', 'private, no-store')
      return stream
    },
  })
}
