import { EntitySchema } from '@mikro-orm/core'

/** An ACK that arrived before its message was stored; applied when the message is. */
export class PendingAck {
  sessionId!: string
  messageId!: string
  chatId!: string
  ack!: number
  receivedAt!: Date
}

export const PendingAckSchema = new EntitySchema<PendingAck>({
  class: PendingAck,
  tableName: 'pending_acks',
  properties: {
    sessionId: { type: 'string', primary: true, length: 63 },
    messageId: { type: 'string', primary: true, length: 255 },
    chatId: { type: 'string', length: 128 },
    ack: { type: 'integer' },
    receivedAt: { type: 'datetime' },
  },
})
