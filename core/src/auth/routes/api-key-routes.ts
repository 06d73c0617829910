import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { ApiKey } from '../../db/entities/index.ts'
import { InputError, NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import type { AuthService } from '../auth-service.ts'
import { apiKeyView, clientIdSchema, idParams, roleSchema, toApiKeyView } from '../auth-schemas.ts'
import { requirePrincipal, type PrincipalRef } from '../principal.ts'
import { assertSessionsExist } from '../session-grants.ts'

const adminOnly = ['admin'] as const

export interface ApiKeyRouteDeps {
  api: ApiRouter
  orm: MikroORM
  auth: AuthService
  /** Tells open realtime connections that a key was revoked or its grants changed. */
  credentialsChanged: (owner: PrincipalRef) => Promise<void>
}

export function registerApiKeyRoutes({ api, orm, auth, credentialsChanged }: ApiKeyRouteDeps): void {
  api.route({
    method: 'get',
    path: '/keys',
    summary: 'List API keys (never their secrets)',
    tags: ['api keys'],
    access: adminOnly,
    query: z.object({ includeRevoked: z.enum(['true', 'false']).default('false') }),
    response: z.object({ items: z.array(apiKeyView) }),
    async handler(_ctx, { query }) {
      const where = query.includeRevoked === 'true' ? {} : { revokedAt: null }
      const keys = await orm.em.find(ApiKey, where, { orderBy: { createdAt: 'asc' } })
      return { items: keys.map(toApiKeyView) }
    },
  })

  api.route({
    method: 'post',
    path: '/keys',
    summary: 'Create an API key; the secret is in this response only',
    tags: ['api keys'],
    access: adminOnly,
    status: 201,
    body: z.object({
      name: z.string().trim().min(1).max(200),
      role: roleSchema,
      sessions: z.array(clientIdSchema).max(10_000).default([]),
      expiresAt: z.iso.datetime({ offset: true }).optional(),
    }),
    response: apiKeyView.extend({ key: z.string() }),
    async handler(ctx, { body }) {
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null
      if (expiresAt && expiresAt.getTime() <= Date.now()) {
        throw InputError.fields([{ field: 'body.expiresAt', message: 'must be in the future' }])
      }
      const sessions = await assertSessionsExist(orm.em, body.sessions, 'body.sessions')
      const { key, secret } = auth.createApiKey(orm.em, {
        name: body.name,
        role: body.role,
        sessions,
        createdBy: requirePrincipal(ctx.state.principal).id,
        expiresAt,
      })
      await orm.em.flush()
      return { ...toApiKeyView(key), key: secret }
    },
  })

  api.route({
    method: 'get',
    path: '/keys/:id',
    summary: 'Read an API key',
    tags: ['api keys'],
    access: adminOnly,
    params: idParams,
    response: apiKeyView,
    errors: { 404: 'No such key' },
    async handler(_ctx, { params }) {
      return toApiKeyView(await findKey(orm, params.id))
    },
  })

  api.route({
    method: 'patch',
    path: '/keys/:id',
    summary: 'Rename a key or change its session grants',
    tags: ['api keys'],
    access: adminOnly,
    params: idParams,
    body: z.object({ name: z.string().trim().min(1).max(200), sessions: z.array(clientIdSchema).max(10_000) }).partial().strict(),
    response: apiKeyView,
    errors: { 404: 'No such key' },
    async handler(_ctx, { params, body }) {
      const key = await findKey(orm, params.id)
      if (key.revokedAt) throw InputError.fields([{ field: 'params.id', message: 'the key is revoked' }], 'API_KEY_REVOKED')
      if (body.name !== undefined) key.name = body.name
      if (body.sessions !== undefined) {
        if (key.role === 'admin') throw InputError.fields([{ field: 'body.sessions', message: 'admin keys see every session' }])
        key.sessions = await assertSessionsExist(orm.em, body.sessions, 'body.sessions')
      }
      await orm.em.flush()
      if (body.sessions !== undefined) await credentialsChanged({ kind: 'api-key', id: key.id })
      return toApiKeyView(key)
    },
  })

  api.route({
    method: 'delete',
    path: '/keys/:id',
    summary: 'Revoke an API key (it stops working at once; the record stays for audit)',
    tags: ['api keys'],
    access: adminOnly,
    params: idParams,
    status: 204,
    errors: { 404: 'No such key' },
    async handler(_ctx, { params }) {
      const key = await findKey(orm, params.id)
      key.revokedAt ??= new Date()
      await orm.em.flush()
      await credentialsChanged({ kind: 'api-key', id: key.id })
    },
  })
}

async function findKey(orm: MikroORM, id: string): Promise<ApiKey> {
  const key = await orm.em.findOne(ApiKey, { id })
  if (!key) throw new NotFoundError('API_KEY_NOT_FOUND', `API key ${id}`)
  return key
}
