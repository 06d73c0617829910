import { AppError } from '../errors/app-error.ts'
import { DriverError, type OutgoingContent } from '../sessions/drivers/driver-contract.ts'
import type { SessionManager } from '../sessions/session-manager.ts'
import type { MessageStore } from './message-store.ts'
import { toMessageView, type MessageView } from './message-view.ts'

/** Sends through the session's driver and stores the message in the session's ordered queue. */
export class MessageSender {
  constructor(
    private readonly manager: SessionManager,
    private readonly store: MessageStore,
  ) {}

  async send(clientId: string, chatId: string, content: OutgoingContent, quotedMessageId: string | undefined): Promise<MessageView> {
    const driver = this.manager.readyDriver(clientId)
    let sent
    try {
      sent = await driver.send(chatId, content, quotedMessageId ? { quotedMessageId } : {})
    } catch (error) {
      if (error instanceof DriverError) throw new AppError('MESSAGE_SEND_FAILED', `WhatsApp refused the message: ${error.message}`, { status: 502, expose: true, details: { driverCode: error.code } })
      throw error
    }
    const { message } = await this.manager.serialize(clientId, () => this.store.ingest(clientId, sent))
    return toMessageView(message)
  }

  async react(clientId: string, messageId: string, emoji: string): Promise<void> {
    const driver = this.manager.readyDriver(clientId)
    try {
      await driver.react(messageId, emoji)
    } catch (error) {
      if (error instanceof DriverError && error.code === 'DRIVER_MESSAGE_NOT_FOUND') throw new AppError('MESSAGE_NOT_FOUND', error.message, { status: 404 })
      if (error instanceof DriverError) throw new AppError('MESSAGE_SEND_FAILED', `WhatsApp refused the reaction: ${error.message}`, { status: 502, expose: true })
      throw error
    }
  }
}
