import type { MikroORM } from '@mikro-orm/core'
import { sha256Hex } from '../auth/secrets.ts'
import { Session } from '../db/entities/index.ts'
import { AppError, InputError, NotFoundError } from '../errors/app-error.ts'
import type { OutgoingContent } from '../sessions/drivers/driver-contract.ts'
import { normalizeChatId } from './chat-id.ts'
import type { GovernorTurn, SendingGovernor } from './governor/sending-governor.ts'
import { runOnce } from './idempotency.ts'
import type { ListReplies } from './lists/list-replies.ts'
import { renderListText } from './lists/list-text.ts'
import { mediaFingerprint, mediaSourceOf } from './media/media-source.ts'
import { resolveMedia } from './media/resolve-media.ts'
import type { MessageSender } from './message-sender.ts'
import type { MessageView } from './message-view.ts'
import type { ParsedPluginMessageContent } from './plugin-message-content.ts'

export interface PluginMessageServiceOptions {
  orm: MikroORM
  sender: MessageSender
  governor: SendingGovernor
  lists: ListReplies
  /** The media limits of the HTTP API (WAQTOR_MEDIA_MAX_MB, WAQTOR_OUTBOUND_ALLOW_PRIVATE). */
  media: { maxBytes: number; allowPrivate: boolean }
}

/**
 * Sends for plugins through the API's path (driver, message store, ACKs, `message.sent`), paced by
 * the session's governor, at most once per idempotency key (keys are per plugin).
 */
export class PluginMessageService {
  constructor(private readonly options: PluginMessageServiceOptions) {}

  get governor(): SendingGovernor {
    return this.options.governor
  }

  async assertSession(sessionId: string): Promise<void> {
    if (!(await this.options.orm.em.fork().count(Session, { clientId: sessionId }))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${sessionId}`)
  }

  /**
   * Sends at `turn` (a place in the session's governor line the caller took when it was asked, so
   * concurrent sends keep their order). A send that ends without reaching the driver (bad input, an
   * idempotent replay, `beforeSend` refusing) gives its turn back unused.
   */
  async send(
    pluginId: string,
    sessionId: string,
    content: ParsedPluginMessageContent,
    options: { idempotencyKey?: string | undefined; turn: GovernorTurn; beforeSend?: () => void },
  ): Promise<MessageView> {
    try {
      return await this.sendAtTurn(pluginId, sessionId, content, options)
    } finally {
      options.turn.abandon()
    }
  }

  private async sendAtTurn(
    pluginId: string,
    sessionId: string,
    content: ParsedPluginMessageContent,
    options: { idempotencyKey?: string | undefined; turn: GovernorTurn; beforeSend?: () => void },
  ): Promise<MessageView> {
    const { orm, sender, lists, media } = this.options
    const chatId = normalizeChatId(content.to, 'content.to')
    const source = content.media ? await inContent(() => mediaSourceOf({ ...content.media!, to: content.to }, null, media.maxBytes)) : null
    const list = content.list ? renderListText(content.list) : null

    const sendNow = async (): Promise<MessageView> => {
      let outgoing: OutgoingContent
      if (content.media && source) {
        const resolved = await inContent(() => resolveMedia({ ...content.media!, to: content.to }, source, media))
        outgoing = { type: resolved.kind, media: resolved.media, caption: content.media.caption || null }
      } else if (content.location) {
        outgoing = { type: 'location', latitude: content.location.latitude, longitude: content.location.longitude, description: content.location.description ?? null }
      } else if (list) {
        outgoing = { type: 'text', text: list.text }
      } else {
        outgoing = { type: 'text', text: content.text ?? '' }
      }
      const permit = await options.turn.granted
      try {
        options.beforeSend?.()
      } catch (error) {
        permit.cancel()
        throw error
      }
      let sent: MessageView
      try {
        sent = await sender.send(sessionId, chatId, outgoing, content.replyTo)
      } finally {
        permit.release()
      }
      if (list) await lists.record({ sessionId, messageId: sent.id, chatId: sent.chatId, pluginId, rows: list.rows, locale: list.locale })
      return sent
    }

    if (!options.idempotencyKey) return sendNow()
    const fingerprint = content.media && source ? { ...content, media: mediaFingerprint({ ...content.media, to: content.to }, source) } : content
    const requestHash = sha256Hex(JSON.stringify({ sessionId, content: fingerprint }))
    const outcome = await runOnce(orm, { scope: `plugin:${pluginId}`, key: options.idempotencyKey, requestHash, field: 'options.idempotencyKey' }, sendNow)
    return outcome.response
  }
}

/** The media helpers name the HTTP body's fields (`body.data`); a plugin gave them as `content.media.*`. */
async function inContent<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw renamed(error)
  }
}

function renamed(error: unknown): unknown {
  if (!(error instanceof AppError) || !Array.isArray(error.details)) return error
  const rename = (text: string) => text.replace(/\bbody\.(?!media)/g, 'content.media.')
  const details = error.details.map((detail) => (typeof detail.field === 'string' ? { ...detail, field: rename(detail.field) } : detail))
  const message = rename(error.message)
  return error instanceof InputError ? new InputError(error.code, message, details) : new AppError(error.code, message, { status: error.status, expose: error.expose, details, cause: error })
}
