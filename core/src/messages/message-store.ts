import type { MikroORM } from '@mikro-orm/core'
import type { EventBus } from '../bus/event-bus.ts'
import { messageAck, messageReceived, messageSent } from '../bus/core-events.ts'
import { Message, PendingAck } from '../db/entities/index.ts'
import { forkSqlEm } from '../db/sql-em.ts'
import type { AckValue, NormalizedMessage } from '../sessions/drivers/driver-contract.ts'
import { ackName, ackProgressFrom, isAckProgress } from './ack-names.ts'
import type { ContactBook } from './contact-book.ts'

/**
 * Stores every message a driver reports and every ACK, exactly once. The session manager calls it
 * from one ordered queue per session, which is what makes "ACK before its message" safe: such an
 * ACK is parked in pending_acks and applied when the message is stored.
 */
export class MessageStore {
  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly contacts: ContactBook,
  ) {}

  /** Returns the stored message; `created` is false when it was already known (e.g. our own send echoed back). */
  async ingest(sessionId: string, message: NormalizedMessage): Promise<{ created: boolean; message: Message }> {
    const em = forkSqlEm(this.orm)
    const now = new Date()
    const row = {
      sessionId,
      id: message.id,
      chatId: message.chatId,
      fromId: message.from,
      toId: message.to,
      fromMe: message.fromMe,
      type: message.type,
      body: message.body,
      timestamp: message.timestamp,
      ack: message.ack,
      ackAt: null,
      media: message.media,
      location: message.location,
      quotedId: message.quotedMessageId,
      senderName: message.senderName,
      createdAt: now,
    }
    const result = await em.createQueryBuilder(Message).insert(row).onConflict(['sessionId', 'id']).ignore().execute('run')
    const created = (result as { affectedRows?: number }).affectedRows !== 0
    if (!created) return { created, message: await em.findOneOrFail(Message, { sessionId, id: message.id }) }
    // Just inserted: the row is what we wrote, no need to read it back.
    const stored: Message = Object.assign(new Message(), row)

    const pending = await em.findOne(PendingAck, { sessionId, messageId: message.id })
    if (pending) {
      if (isAckProgress(stored.ack, pending.ack)) {
        stored.ack = pending.ack
        stored.ackAt = pending.receivedAt
        await em.nativeUpdate(Message, { sessionId, id: stored.id }, { ack: stored.ack, ackAt: stored.ackAt })
      }
      await em.nativeDelete(PendingAck, { sessionId, messageId: message.id })
    }
    await this.contacts.recordTraffic(em, sessionId, message)
    await this.bus.emit(message.fromMe ? messageSent : messageReceived, {
      sessionId,
      messageId: stored.id,
      chatId: stored.chatId,
      from: stored.fromId,
      to: stored.toId,
      type: stored.type,
      body: stored.body,
      timestamp: stored.timestamp.toISOString(),
      fromMe: stored.fromMe,
    })
    if (pending && stored.ack === pending.ack) await this.emitAck(sessionId, stored.id, stored.chatId, stored.ack)
    return { created, message: stored }
  }

  /** Applies an ACK if it moves the message forward; parks it when the message is not stored yet. */
  async applyAck(sessionId: string, update: { messageId: string; chatId: string; ack: AckValue }): Promise<boolean> {
    const em = this.orm.em.fork()
    // One conditional UPDATE on the common path (several ACKs per message, on one database
    // connection): it matches only when the ACK moves the stored message forward.
    const moved = await em.nativeUpdate(Message, { sessionId, id: update.messageId, ack: ackProgressFrom(update.ack) }, { ack: update.ack, ackAt: new Date() })
    if (moved > 0) {
      await this.emitAck(sessionId, update.messageId, update.chatId, update.ack)
      return true
    }
    if ((await em.count(Message, { sessionId, id: update.messageId })) > 0) return false
    const parked = await em.findOne(PendingAck, { sessionId, messageId: update.messageId })
    if (!parked) em.create(PendingAck, { sessionId, messageId: update.messageId, chatId: update.chatId, ack: update.ack, receivedAt: new Date() })
    else if (isAckProgress(parked.ack, update.ack)) parked.ack = update.ack
    await em.flush()
    return false
  }

  private async emitAck(sessionId: string, messageId: string, chatId: string, ack: number): Promise<void> {
    await this.bus.emit(messageAck, { sessionId, messageId, chatId, ack, ackName: ackName(ack) })
  }
}
