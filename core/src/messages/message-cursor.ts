import type { FilterQuery } from '@mikro-orm/core'
import type { Message } from '../db/entities/index.ts'
import { InputError } from '../errors/app-error.ts'

/** Opaque cursor for newest-first pages: the timestamp and id of the last message returned. */
export function encodeCursor(message: Message): string {
  return Buffer.from(`${message.timestamp.toISOString()}|${message.id}`).toString('base64url')
}

export function cursorFilter(cursor: string | undefined): FilterQuery<Message> {
  if (!cursor) return {}
  const [iso, ...idParts] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const timestamp = new Date(iso ?? '')
  const id = idParts.join('|')
  if (!id || Number.isNaN(timestamp.getTime())) throw InputError.fields([{ field: 'query.cursor', message: 'is not a cursor this API returned' }])
  return { $or: [{ timestamp: { $lt: timestamp } }, { timestamp, id: { $lt: id } }] }
}
