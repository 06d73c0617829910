import { BigIntType, EntitySchema } from '@mikro-orm/core'

/** A URL that receives events. JSON columns are text so SQLite and PostgreSQL behave alike. */
export class Subscription {
  id!: string
  url!: string
  /** JSON array of event names or `*`. */
  events!: string
  /** JSON array of session ids, or null: every session (only callers granted every session see it). */
  sessions!: string | null
  /** JSON object of extra request headers. */
  headers!: string
  active!: boolean
  maxConcurrency!: number
  /** Signing secret; kept readable because every delivery is signed with it. */
  secret!: string
  previousSecret!: string | null
  /** Epoch ms until which the previous secret also signs. */
  previousSecretUntil!: number | null
  createdBy!: string
  createdAt!: number
  updatedAt!: number
}

export const SubscriptionSchema = new EntitySchema<Subscription>({
  class: Subscription,
  tableName: 'webhooks_subscriptions',
  properties: {
    id: { type: 'string', primary: true, length: 40 },
    url: { type: 'string', length: 2048 },
    events: { type: 'text' },
    sessions: { type: 'text', nullable: true },
    headers: { type: 'text' },
    active: { type: 'boolean' },
    maxConcurrency: { type: 'integer' },
    secret: { type: 'string', length: 128 },
    previousSecret: { type: 'string', length: 128, nullable: true },
    previousSecretUntil: { type: new BigIntType('number'), nullable: true },
    createdBy: { type: 'string', length: 100 },
    createdAt: { type: new BigIntType('number') },
    updatedAt: { type: new BigIntType('number') },
  },
})
