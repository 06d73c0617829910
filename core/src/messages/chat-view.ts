import { z } from 'zod'
import type { ChatSummary } from './chat-query.ts'
import { messageView, toMessageView } from './message-view.ts'

export const chatView = z.object({
  chatId: z.string().describe('`<digits>@c.us` for a person, `<id>@g.us` for a group'),
  name: z.string().nullable().describe("The contact's name given by the agency, else the name they set in WhatsApp; null when unknown and for groups"),
  phone: z.string().nullable().describe('The number of a person (digits); null for a group'),
  lastMessage: messageView,
  messageCount: z.number().int(),
})

export type ChatView = z.infer<typeof chatView>

export function toChatView(chat: ChatSummary): ChatView {
  const isPerson = chat.chatId.endsWith('@c.us')
  return {
    chatId: chat.chatId,
    name: chat.contact?.name ?? chat.contact?.pushName ?? null,
    phone: isPerson ? (chat.contact?.phone ?? chat.chatId.replace(/@c\.us$/, '')) : null,
    lastMessage: toMessageView(chat.lastMessage),
    messageCount: chat.messageCount,
  }
}
