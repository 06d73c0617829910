import type { MikroORM } from '@mikro-orm/core'
import type { Clock } from '../../clock/index.ts'
import { messageReceived, type ListReply, type MessageEventPayload } from '../../bus/core-events.ts'
import type { EventBus } from '../../bus/event-bus.ts'
import type { Disposer } from '../../bus/bus-types.ts'
import { forkSqlEm } from '../../db/sql-em.ts'
import { MessageList, type ListRowRecord } from './message-list-entity.ts'
import { chosenRow } from './reply-choice.ts'
import type { ListLocale } from './list-text.ts'

/** Longer replies cannot be a number or an option title (titles are at most 100 characters). */
const longestChoice = 120

export interface SentList {
  sessionId: string
  messageId: string
  chatId: string
  pluginId: string
  rows: ListRowRecord[]
  locale: ListLocale
}

/**
 * Remembers the list messages plugins send, in the database (any node may receive the reply), and
 * maps an inbound reply to an option of the chat's most recent list while it is open: not yet
 * answered, not replaced by a newer list, and younger than the reply window.
 */
export class ListReplies {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {}

  /** Records a sent list; an older list still open in the chat closes (replies map to the newest only), expired ones go. */
  async record(list: SentList): Promise<void> {
    const now = this.clock.date()
    const em = this.orm.em.fork()
    await em.nativeDelete(MessageList, { sessionId: list.sessionId, expiresAt: { $lte: now } })
    await em.nativeUpdate(MessageList, { sessionId: list.sessionId, chatId: list.chatId, closedAt: null }, { closedAt: now })
    em.create(MessageList, { ...list, createdAt: now, expiresAt: new Date(now.getTime() + this.windowMs), closedAt: null })
    await em.flush()
  }

  /** The option `body` chooses from the open list of the chat, closing the list; null when it chooses none. */
  async match(sessionId: string, chatId: string, body: string): Promise<ListReply | null> {
    if (body.trim() === '' || body.length > longestChoice) return null
    // On every short inbound message: one indexed read through knex, without the ORM's hydration.
    const knex = forkSqlEm(this.orm).getKnex()
    const now = this.clock.date()
    const open = (await knex('message_lists')
      .select('message_id', 'rows')
      .where({ session_id: sessionId, chat_id: chatId })
      .whereNull('closed_at')
      .where('expires_at', '>', now)
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'message_id', order: 'desc' }])
      .first()) as { message_id: string; rows: string | ListRowRecord[] } | undefined
    if (!open) return null
    const rows = typeof open.rows === 'string' ? (JSON.parse(open.rows) as ListRowRecord[]) : open.rows
    const row = chosenRow(body, rows)
    if (!row) return null
    const claimed = await this.orm.em.fork().nativeUpdate(MessageList, { sessionId, messageId: open.message_id, closedAt: null }, { closedAt: now })
    if (claimed === 0) return null
    return { listMessageId: open.message_id, rowId: row.id, title: row.title }
  }

  /** Forgets the lists of a deleted session. */
  async forgetSession(sessionId: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(MessageList, { sessionId })
  }

  /** Adds `listReply` to inbound messages that answer a list, before any handler (and realtime) sees them. */
  attach(bus: EventBus): Disposer {
    return bus.intercept(messageReceived, async (message: MessageEventPayload) => {
      if (message.fromMe || message.listReply) return undefined
      const listReply = await this.match(message.sessionId, message.chatId, message.body)
      return listReply ? { ...message, listReply } : undefined
    }, { id: 'core.list-replies', owner: 'core', order: -1_000_000 })
  }
}
