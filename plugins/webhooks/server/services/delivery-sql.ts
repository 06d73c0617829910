import type { EntityManager } from '@mikro-orm/core'
import type { Delivery, DeliveryStatus } from '../entities/delivery.ts'
import type { FinishedAttempt } from './delivery-store.ts'

/**
 * The worker's hot path in plain SQL (valid on SQLite and PostgreSQL): the ORM's query building
 * per statement cost more CPU than the database itself at a thousand deliveries a second.
 */

interface DeliveryRow {
  id: string
  subscription_id: string
  event_id: string
  event: string
  session_id: string | null
  chat_id: string | null
  payload: string
  status: DeliveryStatus
  attempts: number | string
  next_attempt_at: number | string
  lease_until: number | string | null
  claim_token: string | null
  response_status: number | null
  response_body: string | null
  error: string | null
  latency_ms: number | null
  created_at: number | string
  completed_at: number | string | null
}

const numberOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value))

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id, subscriptionId: row.subscription_id, eventId: row.event_id, event: row.event, sessionId: row.session_id, chatId: row.chat_id,
    payload: row.payload, status: row.status, attempts: Number(row.attempts), nextAttemptAt: Number(row.next_attempt_at), leaseUntil: numberOrNull(row.lease_until),
    claimToken: row.claim_token, responseStatus: row.response_status, responseBody: row.response_body, error: row.error, latencyMs: row.latency_ms,
    createdAt: Number(row.created_at), completedAt: numberOrNull(row.completed_at),
  }
}

/**
 * Claims up to `limit` due deliveries of one subscription, oldest first. The update only takes rows
 * still `pending`, so two workers (or nodes) never both claim one row; when some were taken
 * meanwhile, it reads back exactly what its own token holds. The attempt is counted at claim time,
 * so a crash mid-attempt still counts it.
 */
export async function claimDue(em: EntityManager, subscriptionId: string, limit: number, nowMs: number, leaseUntil: number, token: string): Promise<Delivery[]> {
  const connection = em.getConnection()
  const due: DeliveryRow[] = await connection.execute(
    'select * from webhooks_deliveries where subscription_id = ? and status = ? and next_attempt_at <= ? order by id limit ?',
    [subscriptionId, 'pending', nowMs, limit],
  )
  if (due.length === 0) return []
  const ids = due.map((row) => row.id)
  const result: { affectedRows?: number } = await connection.execute(
    `update webhooks_deliveries set status = ?, lease_until = ?, claim_token = ?, attempts = attempts + 1 where status = ? and id in (${ids.map(() => '?').join(', ')})`,
    ['in_flight', leaseUntil, token, 'pending', ...ids],
    'run',
  )
  if (result.affectedRows === due.length) {
    return due.map((row) => ({ ...toDelivery(row), status: 'in_flight' as const, leaseUntil, claimToken: token, attempts: Number(row.attempts) + 1 }))
  }
  const mine: DeliveryRow[] = await connection.execute('select * from webhooks_deliveries where claim_token = ? and status = ? order by id', [token, 'in_flight'])
  return mine.map(toDelivery)
}

/**
 * Records attempts' outcomes in one statement, each only if its claim still holds the row (its
 * lease may have expired and another worker taken it over). A pending outcome keeps its row's
 * next_attempt_at unless it sets a new one.
 */
export async function finishAttempts(em: EntityManager, finished: readonly FinishedAttempt[]): Promise<void> {
  if (finished.length === 0) return
  const values = finished.map(() => '(?, ?, ?, cast(? as bigint), cast(? as integer), ?, ?, cast(? as integer), cast(? as bigint))').join(', ')
  const params = finished.flatMap(({ id, token, result }) => [
    id, token, result.status, result.nextAttemptAt ?? null, result.responseStatus, result.responseBody, result.error, result.latencyMs, result.completedAt,
  ])
  await em.getConnection().execute(
    `update webhooks_deliveries set status = v.column3, next_attempt_at = coalesce(v.column4, webhooks_deliveries.next_attempt_at),
       response_status = v.column5, response_body = v.column6, error = v.column7, latency_ms = v.column8, completed_at = v.column9,
       lease_until = null, claim_token = null
     from (values ${values}) as v
     where webhooks_deliveries.id = v.column1 and webhooks_deliveries.claim_token = v.column2 and webhooks_deliveries.status = 'in_flight'`,
    params,
    'run',
  )
}
