import { EntitySchema } from '@mikro-orm/core'

/** A send request claimed by its Idempotency-Key; the stored response answers retries. */
export class IdempotencyKey {
  /** Who sent it (`user:<id>` or `api-key:<id>`): keys are per caller. */
  scope!: string
  key!: string
  requestHash!: string
  status?: number | null
  response?: Record<string, unknown> | null
  createdAt!: Date
}

export const IdempotencyKeySchema = new EntitySchema<IdempotencyKey>({
  class: IdempotencyKey,
  tableName: 'idempotency_keys',
  properties: {
    scope: { type: 'string', primary: true, length: 100 },
    key: { type: 'string', primary: true, length: 255 },
    requestHash: { type: 'string', length: 64 },
    status: { type: 'integer', nullable: true },
    response: { type: 'json', nullable: true },
    createdAt: { type: 'datetime' },
  },
})
