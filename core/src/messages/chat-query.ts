import type { MikroORM } from '@mikro-orm/core'
import { escapeLike } from '../contacts/contact-query.ts'
import { Contact, Message } from '../db/entities/index.ts'
import { forkSqlEm } from '../db/sql-em.ts'
import { decodeChatCursor, encodeChatCursor, type ChatPosition } from './chat-cursor.ts'

export interface ChatListQuery {
  sessionId: string
  /** Part of the chat id or of the contact's name or WhatsApp name (case-insensitive). */
  search?: string | undefined
  cursor?: string | undefined
  limit: number
}

export interface ChatSummary {
  chatId: string
  lastMessage: Message
  messageCount: number
  contact: Contact | undefined
}

interface GroupedRow {
  chat_id: string
  last_at: Date | number | string
  message_count: number | string
}

/**
 * A session's chats, latest activity first, one page at a time: one grouped query (newest
 * timestamp and count per chat, which the (session_id, chat_id, timestamp) index answers), then the
 * page's last messages and contacts by key. Written with knex so it reads the same on SQLite and
 * PostgreSQL; dates are bound as the platform stores them (milliseconds on SQLite).
 */
export async function listChats(orm: MikroORM, query: ChatListQuery): Promise<{ items: ChatSummary[]; nextCursor: string | null }> {
  const em = forkSqlEm(orm)
  const knex = em.getKnex()
  const { sessionId } = query
  const grouped = knex('messages as m')
    .select('m.chat_id')
    .max('m.timestamp as last_at')
    .count('* as message_count')
    .where('m.session_id', sessionId)
    .groupBy('m.chat_id')
  if (query.search !== undefined) {
    const pattern = `%${escapeLike(query.search.toLowerCase())}%`
    const namedLikeThis = knex('contacts')
      .select('id')
      .where('session_id', sessionId)
      .andWhere((names) => names.whereRaw("lower(name) like ? escape '!'", [pattern]).orWhereRaw("lower(push_name) like ? escape '!'", [pattern]))
    grouped.andWhere((match) => match.whereRaw("lower(m.chat_id) like ? escape '!'", [pattern]).orWhereIn('m.chat_id', namedLikeThis))
  }
  const after = decodeChatCursor(query.cursor)
  if (after) {
    const at = em.getPlatform().processDateProperty(after.lastAt)
    grouped.havingRaw('max(m.timestamp) < ? or (max(m.timestamp) = ? and m.chat_id < ?)', [at, at, after.chatId])
  }
  grouped.orderBy([{ column: 'last_at', order: 'desc' }, { column: 'm.chat_id', order: 'desc' }]).limit(query.limit + 1)

  const rows = ((await grouped) as unknown as GroupedRow[]).map((row) => ({ chatId: row.chat_id, lastAt: toDate(row.last_at), messageCount: Number(row.message_count) }))
  const page = rows.slice(0, query.limit)
  if (page.length === 0) return { items: [], nextCursor: null }
  const [messages, contacts] = await Promise.all([
    em.find(Message, { sessionId, $or: page.map((row) => ({ chatId: row.chatId, timestamp: row.lastAt })) }),
    em.find(Contact, { sessionId, id: { $in: page.map((row) => row.chatId) } }),
  ])
  const last = newestPerChat(messages)
  const items = page.flatMap((row) => {
    const lastMessage = last.get(row.chatId)
    // Absent only if the chat's messages were deleted between the two queries.
    return lastMessage ? [{ chatId: row.chatId, lastMessage, messageCount: row.messageCount, contact: contacts.find((contact) => contact.id === row.chatId) }] : []
  })
  const end: ChatPosition | undefined = page.at(-1)
  return { items, nextCursor: rows.length > query.limit && end ? encodeChatCursor(end) : null }
}

/** Messages of the same chat with the same newest timestamp: the greatest id wins, as in GET /api/messages. */
function newestPerChat(messages: Message[]): Map<string, Message> {
  const newest = new Map<string, Message>()
  for (const message of messages) {
    const kept = newest.get(message.chatId)
    if (!kept || message.id > kept.id) newest.set(message.chatId, message)
  }
  return newest
}

/** SQLite returns the stored milliseconds, PostgreSQL a Date. */
function toDate(value: Date | number | string): Date {
  if (value instanceof Date) return value
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)
}
