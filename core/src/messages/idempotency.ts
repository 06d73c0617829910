import type { MikroORM } from '@mikro-orm/core'
import { IdempotencyKey } from '../db/entities/index.ts'
import { sha256Hex } from '../auth/secrets.ts'
import { ConflictError, InputError } from '../errors/app-error.ts'
import type { ApiContext } from '../http/api-context.ts'
import { requirePrincipal } from '../auth/principal.ts'

/**
 * Runs a send at most once per `Idempotency-Key` (per caller). The key is claimed in the database
 * before sending, so a retry, even on another node, gets the stored response instead of a second
 * message. A failed send releases the key so the retry can send.
 */
export async function withIdempotency<T extends object>(ctx: ApiContext, orm: MikroORM, request: unknown, send: () => Promise<T>): Promise<T> {
  const key = ctx.get('idempotency-key').trim()
  if (!key) return send()
  if (key.length > 255) throw InputError.fields([{ field: 'headers.idempotency-key', message: 'must be at most 255 characters' }])
  const principal = requirePrincipal(ctx.state.principal)
  const requestHash = sha256Hex(`${ctx.method} ${ctx.path} ${JSON.stringify(ctx.query)} ${JSON.stringify(request ?? null)}`)
  const outcome = await runOnce(orm, { scope: `${principal.kind}:${principal.id}`, key, requestHash, field: 'headers.idempotency-key' }, send)
  if (outcome.replayed) ctx.set('Idempotent-Replayed', 'true')
  return outcome.response
}

export interface IdempotentRequest {
  /** Whose keys these are (`user:<id>`, `api-key:<id>`, `plugin:<id>`): a key is unique per scope. */
  scope: string
  key: string
  /** What makes two requests the same; the same key with another hash is refused. */
  requestHash: string
  /** The input field named when the key is refused. */
  field: string
}

/**
 * The idempotency store shared by the HTTP API and `plugin.messages.send`: the key is claimed in the
 * database before `send` runs; a repeat gets the stored response (`replayed`) and runs nothing; a
 * failed send releases the key.
 */
export async function runOnce<T extends object>(orm: MikroORM, request: IdempotentRequest, send: () => Promise<T>): Promise<{ response: T; replayed: boolean }> {
  const { scope, key, requestHash } = request
  const em = orm.em.fork()
  const existing = await em.findOne(IdempotencyKey, { scope, key })
  if (existing) return { response: replay<T>(existing, request), replayed: true }
  try {
    em.create(IdempotencyKey, { scope, key, requestHash, status: null, response: null, createdAt: new Date() })
    await em.flush()
  } catch {
    // Another request claimed the key between our read and our insert.
    const winner = await orm.em.fork().findOne(IdempotencyKey, { scope, key })
    if (winner) return { response: replay<T>(winner, request), replayed: true }
    throw new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly')
  }
  try {
    const response = await send()
    await orm.em.fork().nativeUpdate(IdempotencyKey, { scope, key }, { status: 201, response: response as Record<string, unknown> })
    return { response, replayed: false }
  } catch (error) {
    await orm.em.fork().nativeDelete(IdempotencyKey, { scope, key })
    throw error
  }
}

function replay<T>(stored: IdempotencyKey, request: IdempotentRequest): T {
  if (stored.requestHash !== request.requestHash) {
    throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request', { field: request.field })
  }
  if (!stored.response) throw new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly')
  return stored.response as T
}
