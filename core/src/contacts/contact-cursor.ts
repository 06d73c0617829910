import type { ObjectQuery } from '@mikro-orm/core'
import type { Contact } from '../db/entities/index.ts'
import { InputError } from '../errors/app-error.ts'

/** Opaque cursor for "latest activity first" pages: the last contact's lastSeenAt and id. */
export function encodeContactCursor(contact: Contact): string {
  return Buffer.from(`${contact.lastSeenAt.toISOString()}|${contact.id}`).toString('base64url')
}

export function contactCursorFilter(cursor: string | undefined): ObjectQuery<Contact> {
  if (!cursor) return {}
  const [iso, ...idParts] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const lastSeenAt = new Date(iso ?? '')
  const id = idParts.join('|')
  if (!id || Number.isNaN(lastSeenAt.getTime())) throw InputError.fields([{ field: 'query.cursor', message: 'is not a cursor this API returned' }])
  return { $or: [{ lastSeenAt: { $lt: lastSeenAt } }, { lastSeenAt, id: { $lt: id } }] }
}
