import { EntitySchema } from '@mikro-orm/core'

/** One option of a sent list as the reply mapping needs it: its number in the text, id and title. */
export interface ListRowRecord {
  number: number
  id: string
  title: string
}

/** A list message a plugin sent, kept so that any node can map the chat's reply to an option. */
export class MessageList {
  sessionId!: string
  messageId!: string
  chatId!: string
  pluginId!: string
  rows!: ListRowRecord[]
  locale!: 'ar' | 'en'
  createdAt!: Date
  expiresAt!: Date
  /** Set by the first reply that chose an option (a list takes one answer), or when a newer list went to the chat. */
  closedAt?: Date | null
}

export const MessageListSchema = new EntitySchema<MessageList>({
  class: MessageList,
  tableName: 'message_lists',
  properties: {
    sessionId: { type: 'string', primary: true, length: 63 },
    messageId: { type: 'string', primary: true, length: 255 },
    chatId: { type: 'string', length: 128 },
    pluginId: { type: 'string', length: 100 },
    rows: { type: 'json' },
    locale: { type: 'string', length: 2 },
    createdAt: { type: 'datetime' },
    expiresAt: { type: 'datetime' },
    closedAt: { type: 'datetime', nullable: true },
  },
})
