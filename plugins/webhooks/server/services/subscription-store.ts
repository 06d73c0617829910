import type { EntityManager } from '@mikro-orm/core'
import { Subscription } from '../entities/subscription.ts'
import { newSecret, timeOrderedId } from './ids.ts'
import { toRecord, type SubscriptionRecord } from './subscription-record.ts'

/** What a caller sets on a subscription; the rest of the record (id, secrets, times) is the store's. */
export type SubscriptionInput = Pick<SubscriptionRecord, 'url' | 'events' | 'sessions' | 'headers' | 'active' | 'maxConcurrency'>

export async function findSubscription(em: EntityManager, id: string): Promise<SubscriptionRecord | undefined> {
  const row = await em.findOne(Subscription, { id })
  return row ? toRecord(row) : undefined
}

export async function listSubscriptions(em: EntityManager): Promise<SubscriptionRecord[]> {
  return (await em.find(Subscription, {}, { orderBy: { id: 'asc' } })).map(toRecord)
}

export async function createSubscription(em: EntityManager, input: SubscriptionInput, createdBy: string): Promise<SubscriptionRecord> {
  const now = Date.now()
  const row = em.create(Subscription, {
    id: timeOrderedId('whk_'),
    ...serialize(input),
    secret: newSecret(),
    previousSecret: null,
    previousSecretUntil: null,
    createdBy,
    createdAt: now,
    updatedAt: now,
  })
  await em.persistAndFlush(row)
  return toRecord(row)
}

export async function updateSubscription(em: EntityManager, id: string, input: SubscriptionInput): Promise<SubscriptionRecord> {
  const row = await em.findOneOrFail(Subscription, { id })
  em.assign(row, { ...serialize(input), updatedAt: Date.now() })
  await em.flush()
  return toRecord(row)
}

/** A new secret; the old one keeps signing (as a second v1=) for `overlapSeconds`. */
export async function rotateSecret(em: EntityManager, id: string, overlapSeconds: number): Promise<SubscriptionRecord> {
  const row = await em.findOneOrFail(Subscription, { id })
  const now = Date.now()
  em.assign(row, {
    previousSecret: overlapSeconds > 0 ? row.secret : null,
    previousSecretUntil: overlapSeconds > 0 ? now + overlapSeconds * 1000 : null,
    secret: newSecret(),
    updatedAt: now,
  })
  await em.flush()
  return toRecord(row)
}

export async function deleteSubscription(em: EntityManager, id: string): Promise<void> {
  await em.nativeDelete(Subscription, { id })
}

function serialize(input: SubscriptionInput) {
  return {
    url: input.url,
    events: JSON.stringify(input.events),
    sessions: input.sessions === null ? null : JSON.stringify(input.sessions),
    headers: JSON.stringify(input.headers),
    active: input.active,
    maxConcurrency: input.maxConcurrency,
  }
}
