import type { Message } from '../../api/types.ts'
import { ackNameOf } from '../../components/ack-progress.ts'

/** One conversation of a session, as GET /api/chats lists it. */
export interface ChatSummary {
  chatId: string
  name: string | null
  phone: string | null
  lastMessage: Message
  messageCount: number
}

/** Payload of `message.received` and `message.sent` on the `messages` topic. */
export interface MessageEventPayload {
  sessionId: string
  messageId: string
  chatId: string
  from: string
  to: string
  type: string
  body: string
  timestamp: string
  fromMe: boolean
}

/** Payload of `message.ack`. */
export interface AckEventPayload {
  sessionId: string
  messageId: string
  chatId: string
  ack: number
  ackName: string
}

/** Types whose event payload lacks what the bubble shows (file details, coordinates). */
const detailedTypes = new Set(['image', 'video', 'audio', 'voice', 'document', 'sticker', 'location'])

export function needsDetails(type: string): boolean {
  return detailedTypes.has(type)
}

/** A message built from a live event: what the event carries, ACK pending until its ACK events say more. */
export function messageFromEvent(payload: MessageEventPayload): Message {
  return {
    id: payload.messageId,
    sessionId: payload.sessionId,
    chatId: payload.chatId,
    from: payload.from,
    to: payload.to,
    fromMe: payload.fromMe,
    direction: payload.fromMe ? 'out' : 'in',
    type: payload.type,
    body: payload.body,
    timestamp: payload.timestamp,
    ack: 0,
    ackName: ackNameOf(0),
    ackAt: null,
    media: null,
    location: null,
    quotedMessageId: null,
    senderName: null,
  }
}

/** Newest first, as the server orders: later timestamp, then greater id. */
export function isNewer(a: Message, b: Message): boolean {
  if (a.timestamp !== b.timestamp) return Date.parse(a.timestamp) > Date.parse(b.timestamp)
  return a.id > b.id
}

/** The number of a person's chat (`966501234567@c.us` → `966501234567`); null for groups. */
export function phoneOfChat(chatId: string): string | null {
  const match = /^(\d+)@c\.us$/.exec(chatId)
  return match ? match[1]! : null
}

/** How a chat is named in lists and headers: the contact's name, else its number, else its id. */
export function chatTitle(chat: { chatId: string; name?: string | null; phone?: string | null }): string {
  if (chat.name) return chat.name
  const phone = chat.phone ?? phoneOfChat(chat.chatId)
  return phone ? `+${phone}` : chat.chatId
}
