import type { EntityManager } from '@mikro-orm/core'
import { Contact } from '../db/entities/index.ts'
import type { NormalizedMessage } from '../sessions/drivers/driver-contract.ts'
import { detectLocale } from '../contacts/detect-locale.ts'

/** Keeps a session's contacts up to date from its traffic (people only, not groups). */
export class ContactBook {
  async recordTraffic(em: EntityManager, sessionId: string, message: NormalizedMessage): Promise<void> {
    if (!message.chatId.endsWith('@c.us') || message.type === 'reaction') return
    const now = message.timestamp
    let contact = await em.findOne(Contact, { sessionId, id: message.chatId })
    if (!contact) {
      contact = em.create(Contact, {
        sessionId,
        id: message.chatId,
        phone: message.chatId.replace(/@c\.us$/, ''),
        name: null,
        pushName: null,
        tags: [],
        optedOut: false,
        optedOutAt: null,
        firstSeenAt: now,
        lastSeenAt: now,
        messagesIn: 0,
        messagesOut: 0,
      })
    }
    if (message.fromMe) contact.messagesOut++
    else {
      contact.messagesIn++
      if (message.senderName) contact.pushName = message.senderName
      // A language a person set sticks; a detected one follows the contact's latest text.
      if (contact.localeSource !== 'set' && message.type === 'text') {
        const locale = detectLocale(message.body)
        if (locale && locale !== contact.locale) {
          contact.locale = locale
          contact.localeSource = 'detected'
        }
      }
    }
    if (now > contact.lastSeenAt) contact.lastSeenAt = now
    await em.flush()
  }
}
