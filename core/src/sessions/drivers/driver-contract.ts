import type { Logger } from '../../logging/create-logger.ts'

/** whatsapp-web.js ACK levels; a message's ACK only ever moves up (error aside). */
export const ackLevels = { error: -1, pending: 0, server: 1, device: 2, read: 3, played: 4 } as const
export type AckValue = (typeof ackLevels)[keyof typeof ackLevels]

export const driverKinds = ['whatsapp-web', 'sandbox'] as const
export type DriverKind = (typeof driverKinds)[number]

export type MessageType = 'text' | 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker' | 'location' | 'reaction' | 'other'

export interface MediaInfo {
  mimetype: string
  filename: string | null
  size: number | null
}

/** One message as every driver reports it, inbound or sent by this account. */
export interface NormalizedMessage {
  /** The driver's stable message id (whatsapp-web.js `id._serialized`). */
  id: string
  /** The chat: `<digits>@c.us` for a person, `<id>@g.us` for a group. */
  chatId: string
  from: string
  to: string
  fromMe: boolean
  type: MessageType
  /** Text, or the caption of media; empty when there is none. */
  body: string
  timestamp: Date
  ack: AckValue
  media: MediaInfo | null
  quotedMessageId: string | null
  location: { latitude: number; longitude: number; description: string | null } | null
  /** The sender's display name when WhatsApp gives one. */
  senderName: string | null
}

export interface MediaPayload {
  mimetype: string
  /** Base64 of the file. */
  data: string
  filename: string | null
}

export type OutgoingContent =
  | { type: 'text'; text: string }
  | { type: 'image' | 'video' | 'audio' | 'voice' | 'document'; media: MediaPayload; caption: string | null }
  | { type: 'location'; latitude: number; longitude: number; description: string | null }

export interface SendOptions {
  quotedMessageId?: string
}

/** What a driver tells the session manager. The manager persists, emits bus events and supervises. */
export interface DriverListener {
  qr(qr: string): void
  authenticated(): void
  ready(info: { phone: string | null }): void
  /** The connection dropped; the manager decides whether to reconnect. */
  disconnected(reason: string): void
  /** Login rejected (e.g. a revoked device); reconnecting will not help without a new QR. */
  authFailure(message: string): void
  /** A message appeared: inbound, or sent by this account (here or on the phone). */
  message(message: NormalizedMessage): void
  ack(update: { messageId: string; chatId: string; ack: AckValue }): void
}

export interface DriverContext {
  sessionId: string
  /** The session's own folder, `<dataDir>/sessions/<clientId>`, created before start. */
  sessionDir: string
  /** The account's number when known from an earlier run (sandbox sessions keep theirs). */
  phone: string | null
  logger: Logger
  listener: DriverListener
}

/** One WhatsApp account connection. All drivers share this contract and event format. */
export interface SessionDriver {
  readonly kind: DriverKind
  /** Begins connecting; resolves once started (not necessarily ready). Rejects when it cannot start at all. */
  start(): Promise<void>
  /** Disconnects and frees everything (browser processes included); safe to call twice. */
  stop(): Promise<void>
  /** Logs the account out (the next start needs a new QR) and stops. */
  logout(): Promise<void>
  /** Asks WhatsApp for an 8-character code to link this account by phone number instead of QR. */
  requestPairingCode(phone: string): Promise<string>
  /** Sends and returns the message as stored by WhatsApp (id, timestamp, initial ACK). */
  send(chatId: string, content: OutgoingContent, options: SendOptions): Promise<NormalizedMessage>
  react(messageId: string, emoji: string): Promise<void>
  /**
   * Memory of what the driver runs outside Node (the browser), when it runs any. `pssBytes` counts
   * pages shared between the browser's processes once (RSS counts them per process, about twice
   * the real use); null where the system cannot tell.
   */
  resourceUsage(): Promise<{ rssBytes: number; pssBytes: number | null } | null>
}

export class DriverError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'DriverError'
  }
}
