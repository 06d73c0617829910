import type { MikroORM } from '@mikro-orm/core'
import type { Knex } from '@mikro-orm/knex'
import { toContactView } from '../contacts/contact-view.ts'
import { Contact, Message, PendingAck } from '../db/entities/index.ts'
import type { DatabasePlatform } from '../db/migration.ts'
import { forkSqlEm } from '../db/sql-em.ts'
import type { FileService } from '../files/file-service.ts'
import { toMessageView } from '../messages/message-view.ts'
import type { ContactSubject } from './privacy-subject.ts'
import type { EraseCounts } from './privacy-types.ts'

/**
 * The kernel's data about a contact of a session: the contact row, every message of the chat
 * (both directions) and what the contact wrote in groups, early ACKs of the chat, stored
 * responses of idempotent sends to it, who owns the chat (responders), the list messages sent to
 * it (kept to map replies to options), and the files plugins linked to the contact.
 */
export class CoreContactData {
  constructor(
    private readonly orm: MikroORM,
    private readonly platform: DatabasePlatform,
    private readonly files: () => FileService,
    /** The chat's owner row was deleted: the responders' cache of owners must forget it. */
    private readonly chatOwnersErased: (sessionId: string, chatId: string) => void = () => undefined,
  ) {}

  async export(subject: ContactSubject): Promise<Record<string, unknown>> {
    const em = this.orm.em.fork()
    const { sessionId, chatId } = subject
    const contact = await em.findOne(Contact, { sessionId, id: chatId })
    const messages = await em.find(Message, { sessionId, $or: [{ chatId }, { fromId: chatId }] }, { orderBy: { timestamp: 'asc', id: 'asc' } })
    const pendingAcks = await em.find(PendingAck, { sessionId, chatId })
    const idempotentSends = await this.idempotencyRows(subject)
    const chatOwners = (await this.hasChatOwners()) ? await forkSqlEm(this.orm).getKnex()('chat_owners').where({ session_id: sessionId, chat_id: chatId }) : []
    const lists = await forkSqlEm(this.orm).getKnex()('message_lists').where({ session_id: sessionId, chat_id: chatId }).orderBy('created_at', 'asc')
    return {
      contact: contact ? toContactView(contact) : null,
      messages: messages.map(toMessageView),
      pendingAcks: pendingAcks.map((ack) => ({ messageId: ack.messageId, ack: ack.ack, receivedAt: ack.receivedAt.toISOString() })),
      idempotentSends: idempotentSends.map((row) => ({ key: row.key, createdAt: new Date(row.created_at as string | number | Date).toISOString(), response: parseJson(row.response) })),
      chatOwners: chatOwners.map((row: Record<string, unknown>) => ({ pluginId: row.plugin_id, kind: row.kind, since: new Date(Number(row.since_ms)).toISOString() })),
      lists: lists.map((row: Record<string, unknown>) => ({ messageId: row.message_id, pluginId: row.plugin_id, rows: parseJson(row.rows), createdAt: new Date(row.created_at as string | number | Date).toISOString() })),
      files: await this.files().list({ sessionId, contactId: chatId }, 100_000),
    }
  }

  async erase(subject: ContactSubject): Promise<EraseCounts> {
    const { sessionId, chatId } = subject
    // Files first: their bytes live outside the database transaction.
    const files = await this.files().eraseContact(sessionId, chatId)
    // Asked before the transaction: SQLite has one connection, a query beside the transaction would wait for it forever.
    const hasChatOwners = await this.hasChatOwners()
    const deleted = await this.orm.em.fork().transactional(async (em) => {
      // The transaction's own knex: the EntityManager's would wait for the connection the transaction holds (SQLite has one).
      const knex = em.getTransactionContext<Knex.Transaction>()!
      const idempotent = await this.idempotencyRows(subject, knex)
      const idempotentSends = idempotent.length === 0 ? 0 : await knex('idempotency_keys').whereIn(['scope', 'key'], idempotent.map((row) => [row.scope, row.key])).delete()
      const chatOwners = hasChatOwners ? await knex('chat_owners').where({ session_id: sessionId, chat_id: chatId }).delete() : 0
      return {
        messages: await em.nativeDelete(Message, { sessionId, $or: [{ chatId }, { fromId: chatId }] }),
        pendingAcks: await em.nativeDelete(PendingAck, { sessionId, chatId }),
        idempotentSends,
        chatOwners,
        lists: await knex('message_lists').where({ session_id: sessionId, chat_id: chatId }).delete(),
        contacts: await em.nativeDelete(Contact, { sessionId, id: chatId }),
      }
    })
    this.chatOwnersErased(sessionId, chatId)
    return { deleted: { ...deleted, files } }
  }

  /** Stored answers of idempotent sends to this chat (the answer is the sent message, naming its chat). */
  private async idempotencyRows(subject: ContactSubject, knex: Knex = forkSqlEm(this.orm).getKnex()): Promise<Array<{ scope: string; key: string; created_at: unknown; response: unknown }>> {
    const column = this.platform === 'postgresql' ? 'response::text' : 'response'
    return knex('idempotency_keys')
      .select('scope', 'key', 'created_at', 'response')
      .whereRaw(`${column} like ?`, [`%"chatId":"${subject.chatId}"%`])
      .andWhereRaw(`${column} like ?`, [`%"sessionId":"${subject.sessionId}"%`])
  }

  private async hasChatOwners(): Promise<boolean> {
    // The responders' table (chat ownership) exists from its migration on; older databases lack it.
    return forkSqlEm(this.orm).getKnex().schema.hasTable('chat_owners')
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}
