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
  const scope = `${principal.kind}:${principal.id}`
  const requestHash = sha256Hex(`${ctx.method} ${ctx.path} ${JSON.stringify(ctx.query)} ${JSON.stringify(request ?? null)}`)
  const em = orm.em.fork()
  const existing = await em.findOne(IdempotencyKey, { scope, key })
  if (existing) return replay(existing, requestHash, ctx)
  try {
    em.create(IdempotencyKey, { scope, key, requestHash, status: null, response: null, createdAt: new Date() })
    await em.flush()
  } catch {
    // Another request claimed the key between our read and our insert.
    const winner = await orm.em.fork().findOne(IdempotencyKey, { scope, key })
    if (winner) return replay(winner, requestHash, ctx)
    throw new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly')
  }
  try {
    const response = await send()
    await orm.em.fork().nativeUpdate(IdempotencyKey, { scope, key }, { status: 201, response: response as Record<string, unknown> })
    return response
  } catch (error) {
    await orm.em.fork().nativeDelete(IdempotencyKey, { scope, key })
    throw error
  }
}

function replay<T>(stored: IdempotencyKey, requestHash: string, ctx: ApiContext): T {
  if (stored.requestHash !== requestHash) {
    throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request', { field: 'headers.idempotency-key' })
  }
  if (!stored.response) throw new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly')
  ctx.set('Idempotent-Replayed', 'true')
  return stored.response as T
}
