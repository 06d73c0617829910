import type { Logger } from '../../../logging/create-logger.ts'
import type { DriverListener } from '../driver-contract.ts'
import { chatIdOf, clampAck, messageIdOf, normalizeMessage } from './normalize-message.ts'
import { record, str } from './wweb-fields.ts'

type Handler = (...args: unknown[]) => void

/** What the normalizer needs of a whatsapp-web.js `Client`: any EventEmitter (with `info` once ready). */
export interface ClientEventSource {
  on(event: string, listener: Handler): unknown
  removeListener(event: string, listener: Handler): unknown
  readonly info?: unknown
}

/**
 * `disconnected` reasons after which reconnecting only shows a new QR (the device was unlinked or the
 * session logged out) or cannot help at all (the account is banned). whatsapp-web.js reports them as
 * plain disconnects; the contract wants them as `authFailure` so the manager stops retrying and tells
 * people. `UNPAIRED*` arrive as `disconnected` right after the matching `change_state`.
 */
export const authFailureReasons: ReadonlySet<string> = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE', 'TOS_BLOCK', 'SMB_TOS_BLOCK'])

/** Statuses (stories) are not chat messages. */
const statusChat = 'status@broadcast'

/** The account's phone number: `info.wid.user` when WhatsApp knows us by phone (not only by LID). */
export function phoneOfClient(client: ClientEventSource): string | null {
  const wid = record(record(client.info).wid)
  return wid.server === 'c.us' ? str(wid.user) : null
}

/**
 * Forwards whatsapp-web.js client events to a `DriverListener` in the contract's format and returns a
 * function that detaches them. A handler that throws (a malformed message, a failing listener) is
 * logged and does not reach whatsapp-web.js, which calls these from inside puppeteer callbacks.
 */
export function attachEventNormalizer(client: ClientEventSource, listener: DriverListener, logger: Logger): () => void {
  const reportMessage = (raw: unknown) => {
    const message = normalizeMessage(raw)
    if (message.chatId === statusChat || message.from === statusChat) return logger.debug({ id: message.id }, 'status update ignored')
    listener.message(message)
  }
  const handlers: Record<string, Handler> = {
    qr: (qr) => listener.qr(String(qr)),
    authenticated: () => listener.authenticated(),
    ready: () => listener.ready({ phone: phoneOfClient(client) }),
    // Inbound only: whatsapp-web.js emits `message` for others' messages and `message_create` for all.
    message: (raw) => reportMessage(raw),
    message_create: (raw) => {
      if (record(raw).fromMe === true) reportMessage(raw)
    },
    message_ack: (raw, ack) => listener.ack({ messageId: messageIdOf(raw), chatId: chatIdOf(raw), ack: clampAck(ack ?? record(raw).ack) }),
    change_state: (state) => logger.info({ state }, 'WhatsApp Web connection state changed'),
    disconnected: (reason) => {
      const text = str(reason) ?? 'UNKNOWN'
      if (authFailureReasons.has(text)) listener.authFailure(`WhatsApp ended the session (${text})`)
      else listener.disconnected(text)
    },
    auth_failure: (message) => listener.authFailure(str(message) ?? 'WhatsApp rejected the saved session'),
  }
  const attached = Object.entries(handlers).map(([event, handler]) => {
    const guarded: Handler = (...args) => {
      try {
        handler(...args)
      } catch (error) {
        logger.error({ err: error, event }, 'whatsapp-web event could not be handled')
      }
    }
    client.on(event, guarded)
    return [event, guarded] as const
  })
  return () => {
    for (const [event, guarded] of attached) client.removeListener(event, guarded)
  }
}
