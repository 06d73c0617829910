import { z } from 'zod'
import type { Message } from '../db/entities/index.ts'
import { ackName } from './ack-names.ts'

export const messageView = z.object({
  id: z.string(),
  sessionId: z.string(),
  chatId: z.string(),
  from: z.string(),
  to: z.string(),
  fromMe: z.boolean(),
  direction: z.enum(['in', 'out']),
  type: z.string(),
  body: z.string(),
  timestamp: z.string(),
  ack: z.number().int(),
  ackName: z.enum(['error', 'pending', 'server', 'device', 'read', 'played']),
  ackAt: z.string().nullable(),
  media: z.object({ mimetype: z.string(), filename: z.string().nullable(), size: z.number().nullable() }).nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number(), description: z.string().nullable() }).nullable(),
  quotedMessageId: z.string().nullable(),
  senderName: z.string().nullable(),
})

export type MessageView = z.infer<typeof messageView>

export function toMessageView(message: Message): MessageView {
  return {
    id: message.id,
    sessionId: message.sessionId,
    chatId: message.chatId,
    from: message.fromId,
    to: message.toId,
    fromMe: message.fromMe,
    direction: message.fromMe ? 'out' : 'in',
    type: message.type,
    body: message.body,
    timestamp: message.timestamp.toISOString(),
    ack: message.ack,
    ackName: ackName(message.ack),
    ackAt: message.ackAt?.toISOString() ?? null,
    media: message.media ?? null,
    location: message.location ?? null,
    quotedMessageId: message.quotedId ?? null,
    senderName: message.senderName ?? null,
  }
}
