import { BigIntType, EntitySchema } from '@mikro-orm/core'

export type DeliveryStatus = 'pending' | 'in_flight' | 'delivered' | 'failed'

/** One event for one subscription; written before any attempt. Times are epoch milliseconds. */
export class Delivery {
  /** Time-ordered id, also the X-Waqtor-Delivery header. */
  id!: string
  subscriptionId!: string
  /** The `id` of the body: the event occurrence, the same for every subscription and attempt. */
  eventId!: string
  event!: string
  sessionId!: string | null
  chatId!: string | null
  /** The exact JSON body sent on every attempt. */
  payload!: string
  status!: DeliveryStatus
  attempts!: number
  nextAttemptAt!: number
  leaseUntil!: number | null
  claimToken!: string | null
  responseStatus!: number | null
  responseBody!: string | null
  error!: string | null
  latencyMs!: number | null
  createdAt!: number
  completedAt!: number | null
}

export const DeliverySchema = new EntitySchema<Delivery>({
  class: Delivery,
  tableName: 'webhooks_deliveries',
  properties: {
    id: { type: 'string', primary: true, length: 40 },
    subscriptionId: { type: 'string', length: 40 },
    eventId: { type: 'string', length: 40 },
    event: { type: 'string', length: 200 },
    sessionId: { type: 'string', length: 100, nullable: true },
    chatId: { type: 'string', length: 200, nullable: true },
    payload: { type: 'text' },
    status: { type: 'string', length: 16 },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: new BigIntType('number') },
    leaseUntil: { type: new BigIntType('number'), nullable: true },
    claimToken: { type: 'string', length: 40, nullable: true },
    responseStatus: { type: 'integer', nullable: true },
    responseBody: { type: 'text', nullable: true },
    error: { type: 'string', length: 500, nullable: true },
    latencyMs: { type: 'integer', nullable: true },
    createdAt: { type: new BigIntType('number') },
    completedAt: { type: new BigIntType('number'), nullable: true },
  },
})
