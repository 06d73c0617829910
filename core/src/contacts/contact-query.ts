import type { MikroORM } from '@mikro-orm/core'
import { Contact } from '../db/entities/index.ts'
import type { DatabasePlatform } from '../db/migration.ts'
import { forkSqlEm } from '../db/sql-em.ts'
import { contactCursorFilter, encodeContactCursor } from './contact-cursor.ts'

export interface ContactListQuery {
  sessionId: string
  /** Part of the name, the push name (case-insensitive) or the phone number's digits. */
  search?: string | undefined
  tag?: string | undefined
  optedOut?: boolean | undefined
  cursor?: string | undefined
  limit: number
}

/** `tags` is a JSON array column: "has this tag" is written per database. */
const hasTag: Record<DatabasePlatform, string> = {
  sqlite: 'exists (select 1 from json_each(c.tags) where json_each.value = ?)',
  postgresql: 'exists (select 1 from json_array_elements_text(c.tags) as tag(value) where tag.value = ?)',
}

/** A session's contacts, latest activity first, one page at a time. */
export async function listContacts(orm: MikroORM, platform: DatabasePlatform, query: ContactListQuery): Promise<{ items: Contact[]; nextCursor: string | null }> {
  const qb = forkSqlEm(orm).createQueryBuilder(Contact, 'c').select('*').where({ sessionId: query.sessionId })
  if (query.optedOut !== undefined) qb.andWhere({ optedOut: query.optedOut })
  if (query.tag !== undefined) qb.andWhere(hasTag[platform], [query.tag])
  if (query.search !== undefined) {
    // lower() on both sides behaves the same on SQLite and PostgreSQL; "!" escapes LIKE's wildcards.
    const pattern = `%${escapeLike(query.search.toLowerCase())}%`
    const conditions = ["lower(c.name) like ? escape '!'", "lower(c.push_name) like ? escape '!'"]
    const params = [pattern, pattern]
    const digits = query.search.replace(/[\s().+-]/g, '')
    if (/^\d+$/.test(digits)) {
      conditions.push("c.phone like ? escape '!'")
      params.push(`%${digits}%`)
    }
    qb.andWhere(`(${conditions.join(' or ')})`, params)
  }
  qb.andWhere(contactCursorFilter(query.cursor)).orderBy({ lastSeenAt: 'desc', id: 'desc' }).limit(query.limit + 1)
  const rows = await qb.getResultList()
  const items = rows.slice(0, query.limit)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > query.limit && last ? encodeContactCursor(last) : null }
}

export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (char) => `!${char}`)
}
