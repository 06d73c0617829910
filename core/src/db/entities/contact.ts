import { EntitySchema } from '@mikro-orm/core'

/** Someone a session has talked with, created from traffic. */
export class Contact {
  sessionId!: string
  /** The chat id, `<digits>@c.us`. */
  id!: string
  phone?: string | null
  /** The name the agency gave the contact. */
  name?: string | null
  /** The name the contact set in WhatsApp. */
  pushName?: string | null
  tags!: string[]
  optedOut!: boolean
  optedOutAt?: Date | null
  firstSeenAt!: Date
  lastSeenAt!: Date
  messagesIn!: number
  messagesOut!: number
  /** The contact's language, so plugins answer in it; null until known. */
  locale?: ContactLocale | null
  /** 'detected' from inbound messages (follows them), 'set' by a person or plugin (sticks). */
  localeSource?: ContactLocaleSource | null
}

export const contactLocales = ['ar', 'en'] as const
export type ContactLocale = (typeof contactLocales)[number]
export type ContactLocaleSource = 'detected' | 'set'

export const ContactSchema = new EntitySchema<Contact>({
  class: Contact,
  tableName: 'contacts',
  properties: {
    sessionId: { type: 'string', primary: true, length: 63 },
    id: { type: 'string', primary: true, length: 128 },
    phone: { type: 'string', length: 32, nullable: true },
    name: { type: 'string', length: 200, nullable: true },
    pushName: { type: 'string', length: 200, nullable: true },
    tags: { type: 'json' },
    optedOut: { type: 'boolean', default: false },
    optedOutAt: { type: 'datetime', nullable: true },
    firstSeenAt: { type: 'datetime' },
    lastSeenAt: { type: 'datetime' },
    messagesIn: { type: 'integer', default: 0 },
    messagesOut: { type: 'integer', default: 0 },
    locale: { type: 'string', length: 8, nullable: true },
    localeSource: { type: 'string', length: 16, nullable: true },
  },
})
