import { z } from 'zod'
import type { Contact } from '../db/entities/index.ts'
import { contactLocales } from '../db/entities/contact.ts'

export const contactView = z.object({
  id: z.string().describe('The chat id, `<digits>@c.us`'),
  sessionId: z.string(),
  phone: z.string().nullable(),
  name: z.string().nullable().describe('The name the agency gave the contact'),
  pushName: z.string().nullable().describe('The name the contact set in WhatsApp'),
  tags: z.array(z.string()),
  optedOut: z.boolean(),
  optedOutAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  messagesIn: z.number().int(),
  messagesOut: z.number().int(),
  locale: z.enum(contactLocales).nullable().describe("The contact's language ('ar' or 'en'), detected from inbound texts or set; null until known"),
  localeSource: z.enum(['detected', 'set']).nullable().describe("'detected' follows the contact's texts; 'set' (by a person or plugin) sticks"),
})

export type ContactView = z.infer<typeof contactView>

export function toContactView(contact: Contact): ContactView {
  return {
    id: contact.id,
    sessionId: contact.sessionId,
    phone: contact.phone ?? null,
    name: contact.name ?? null,
    pushName: contact.pushName ?? null,
    tags: contact.tags,
    optedOut: contact.optedOut,
    optedOutAt: contact.optedOutAt?.toISOString() ?? null,
    firstSeenAt: contact.firstSeenAt.toISOString(),
    lastSeenAt: contact.lastSeenAt.toISOString(),
    messagesIn: contact.messagesIn,
    messagesOut: contact.messagesOut,
    locale: contact.locale ?? null,
    localeSource: contact.localeSource ?? null,
  }
}
