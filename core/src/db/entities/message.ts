import { EntitySchema } from '@mikro-orm/core'
import type { MediaInfo, MessageType } from '../../sessions/drivers/driver-contract.ts'

/** A message of a session, inbound or outbound, with its latest ACK. */
export class Message {
  sessionId!: string
  id!: string
  chatId!: string
  fromId!: string
  toId!: string
  fromMe!: boolean
  type!: MessageType
  body!: string
  timestamp!: Date
  ack!: number
  ackAt?: Date | null
  media?: MediaInfo | null
  location?: { latitude: number; longitude: number; description: string | null } | null
  quotedId?: string | null
  senderName?: string | null
  createdAt!: Date
}

export const MessageSchema = new EntitySchema<Message>({
  class: Message,
  tableName: 'messages',
  properties: {
    sessionId: { type: 'string', primary: true, length: 63 },
    id: { type: 'string', primary: true, length: 255 },
    chatId: { type: 'string', length: 128 },
    fromId: { type: 'string', length: 128 },
    toId: { type: 'string', length: 128 },
    fromMe: { type: 'boolean' },
    type: { type: 'string', length: 16 },
    body: { type: 'text' },
    timestamp: { type: 'datetime' },
    ack: { type: 'integer' },
    ackAt: { type: 'datetime', nullable: true },
    media: { type: 'json', nullable: true },
    location: { type: 'json', nullable: true },
    quotedId: { type: 'string', length: 255, nullable: true },
    senderName: { type: 'string', length: 200, nullable: true },
    createdAt: { type: 'datetime' },
  },
})
