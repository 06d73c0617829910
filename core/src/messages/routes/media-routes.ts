import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess, writerRoles } from '../../auth/principal.ts'
import { Session } from '../../db/entities/index.ts'
import { NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import { normalizeChatId } from '../chat-id.ts'
import { withIdempotency } from '../idempotency.ts'
import { mediaBodyReader, takeUpload } from '../media/media-body-reader.ts'
import { formatMegabytes } from '../media/media-errors.ts'
import { mediaFields } from '../media/media-fields.ts'
import { mediaFingerprint, mediaSourceOf } from '../media/media-source.ts'
import { resolveMedia } from '../media/resolve-media.ts'
import type { MessageSender } from '../message-sender.ts'
import { messageView } from '../message-view.ts'

export interface MediaRouteOptions {
  api: ApiRouter
  orm: MikroORM
  sender: MessageSender
  /** Largest file accepted, in bytes (WAQTOR_MEDIA_MAX_MB). */
  maxBytes: number
  /** Media URLs may point at private and loopback addresses (WAQTOR_OUTBOUND_ALLOW_PRIVATE). */
  allowPrivate: boolean
}

export function registerMediaRoutes({ api, orm, sender, maxBytes, allowPrivate }: MediaRouteOptions): void {
  const path = '/messages/send-media'
  // Reads the body (JSON with a base64 file, or multipart) before the route validates it.
  api.router.post(path, mediaBodyReader(maxBytes))

  api.route({
    method: 'post',
    path,
    summary: 'Send an image, video, audio, voice note or document',
    description: [
      'The file comes one of three ways: uploaded as `multipart/form-data` (the file in the field `file`, the other fields as text fields), ',
      'or in JSON as `data` (base64) or `url` (WaQtor downloads it: http/https only, public addresses only unless the operator allows private ones, ',
      `at most 3 redirects, 10 s). Files up to ${formatMegabytes(maxBytes)} (WAQTOR_MEDIA_MAX_MB); larger ones get 413 naming the field. `,
      'Without `type`, the kind follows the MIME type; without `mimetype`, the declared type, the content or the file name tell it (400 when none does). ',
      'Answers 201 with the stored message. Send an `Idempotency-Key` header to make retries safe: a repeated request returns the first response and sends nothing.',
    ].join(''),
    tags: ['messages'],
    access: writerRoles,
    status: 201,
    query: z.object({ clientId: clientIdSchema }),
    body: mediaFields,
    response: messageView,
    errors: {
      404: 'No such session',
      409: 'The session is not ready, or the Idempotency-Key was used for another request',
      413: 'The file is larger than allowed',
      415: 'The body is neither JSON nor multipart/form-data',
      502: 'The media URL could not be downloaded, or WhatsApp refused the message',
    },
    async handler(ctx, { query, body }) {
      assertSessionAccess(ctx.state.principal, query.clientId)
      if (!(await orm.em.count(Session, { clientId: query.clientId }))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${query.clientId}`)
      const chatId = normalizeChatId(body.to, 'body.to')
      const source = mediaSourceOf(body, takeUpload(ctx), maxBytes)
      return withIdempotency(ctx, orm, mediaFingerprint(body, source), async () => {
        const { kind, media } = await resolveMedia(body, source, { maxBytes, allowPrivate })
        return sender.send(query.clientId, chatId, { type: kind, media, caption: body.caption || null }, body.replyTo)
      })
    },
  })
}
