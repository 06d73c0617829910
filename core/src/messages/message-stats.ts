import type { MikroORM } from '@mikro-orm/core'
import type { DatabasePlatform } from '../db/migration.ts'
import { forkSqlEm } from '../db/sql-em.ts'

const hourMs = 3_600_000

export interface HourBucket {
  /** Start of the hour, ISO 8601 UTC. */
  hour: string
  sent: number
  received: number
  /** Sent messages that ended with ACK -1; also counted in `sent`. */
  failed: number
}

export interface MessagesPerHour {
  from: string
  to: string
  buckets: HourBucket[]
}

/**
 * The hour a message falls in, as whole hours since 1970, computed by the database. Written per
 * database because the column differs: SQLite stores milliseconds, PostgreSQL a timestamptz.
 */
const hourOf: Record<DatabasePlatform, string> = {
  sqlite: 'cast(m.timestamp / 3600000 as integer)',
  postgresql: 'cast(floor(extract(epoch from m.timestamp) / 3600) as bigint)',
}

interface HourRow {
  hour: number | string
  sent: number | string | null
  received: number | string | null
  failed: number | string | null
}

/**
 * Messages sent, received and failed per hour over the last `hours` hours of the given sessions,
 * the current hour last, empty hours as zeros. One grouped query that the (session_id, timestamp)
 * index answers; only a row per hour comes back.
 */
export async function messagesPerHour(orm: MikroORM, platform: DatabasePlatform, sessionIds: readonly string[], hours: number, now = new Date()): Promise<MessagesPerHour> {
  const firstHour = Math.floor(now.getTime() / hourMs) - hours + 1
  const from = new Date(firstHour * hourMs)
  const to = new Date((firstHour + hours) * hourMs)
  const counts = new Map<number, HourRow>()
  if (sessionIds.length > 0) {
    const em = forkSqlEm(orm)
    const knex = em.getKnex()
    const bind = (date: Date) => em.getPlatform().processDateProperty(date)
    const rows = (await knex('messages as m')
      .select(
        knex.raw(`${hourOf[platform]} as hour`),
        knex.raw('sum(case when m.from_me then 1 else 0 end) as sent'),
        knex.raw('sum(case when m.from_me then 0 else 1 end) as received'),
        knex.raw('sum(case when m.from_me and m.ack = -1 then 1 else 0 end) as failed'),
      )
      .whereIn('m.session_id', [...sessionIds])
      .andWhere('m.timestamp', '>=', bind(from))
      .andWhere('m.timestamp', '<', bind(to))
      .groupByRaw(hourOf[platform])) as unknown as HourRow[]
    for (const row of rows) counts.set(Number(row.hour), row)
  }
  const buckets = Array.from({ length: hours }, (_, index): HourBucket => {
    const hour = firstHour + index
    const row = counts.get(hour)
    return { hour: new Date(hour * hourMs).toISOString(), sent: Number(row?.sent ?? 0), received: Number(row?.received ?? 0), failed: Number(row?.failed ?? 0) }
  })
  return { from: from.toISOString(), to: to.toISOString(), buckets }
}
