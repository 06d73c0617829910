import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { User } from '../../db/entities/index.ts'
import { ConflictError, InputError, NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import type { AuthService } from '../auth-service.ts'
import { clientIdSchema, idParams, roleSchema, toUserView, userView } from '../auth-schemas.ts'
import { requirePrincipal, type PrincipalRef } from '../principal.ts'
import { hashPassword } from '../secrets.ts'
import { assertSessionsExist } from '../session-grants.ts'

const adminOnly = ['admin'] as const

export interface UserRouteDeps {
  api: ApiRouter
  orm: MikroORM
  auth: AuthService
  /** Tells open realtime connections that a user's logins, role or grants changed. */
  credentialsChanged: (owner: PrincipalRef) => Promise<void>
}

export function registerUserRoutes({ api, orm, auth, credentialsChanged }: UserRouteDeps): void {
  api.route({
    method: 'get',
    path: '/users',
    summary: 'List users',
    tags: ['users'],
    access: adminOnly,
    response: z.object({ items: z.array(userView) }),
    async handler() {
      const users = await orm.em.find(User, {}, { orderBy: { createdAt: 'asc' } })
      return { items: users.map(toUserView) }
    },
  })

  api.route({
    method: 'post',
    path: '/users',
    summary: 'Create a user',
    tags: ['users'],
    access: adminOnly,
    status: 201,
    body: z.object({
      email: z.email(),
      name: z.string().trim().min(1).max(200),
      password: z.string().min(12, 'at least 12 characters').max(256),
      role: roleSchema,
      sessions: z.array(clientIdSchema).max(10_000).default([]),
    }),
    response: userView,
    errors: { 409: 'The e-mail is taken' },
    async handler(_ctx, { body }) {
      const email = body.email.toLowerCase()
      if (await orm.em.count(User, { email })) throw new ConflictError('USER_EMAIL_TAKEN', `a user with e-mail ${email} exists`, { field: 'body.email' })
      const sessions = await assertSessionsExist(orm.em, body.sessions, 'body.sessions')
      const now = new Date()
      const user = orm.em.create(User, {
        id: crypto.randomUUID(),
        email,
        name: body.name,
        role: body.role,
        passwordHash: await hashPassword(body.password),
        sessions,
        disabled: false,
        createdAt: now,
        updatedAt: now,
        lastLoginAt: null,
      })
      await orm.em.flush()
      return toUserView(user)
    },
  })

  api.route({
    method: 'get',
    path: '/users/:id',
    summary: 'Read a user',
    tags: ['users'],
    access: adminOnly,
    params: idParams,
    response: userView,
    errors: { 404: 'No such user' },
    async handler(_ctx, { params }) {
      return toUserView(await findUser(orm, params.id))
    },
  })

  api.route({
    method: 'patch',
    path: '/users/:id',
    summary: 'Change a user: name, role, session grants, password, disabled',
    description: 'Changing the password, role or disabling a user ends all their logins.',
    tags: ['users'],
    access: adminOnly,
    params: idParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(200),
        role: roleSchema,
        password: z.string().min(12, 'at least 12 characters').max(256),
        sessions: z.array(clientIdSchema).max(10_000),
        disabled: z.boolean(),
      })
      .partial()
      .strict(),
    response: userView,
    errors: { 404: 'No such user' },
    async handler(ctx, { params, body }) {
      const user = await findUser(orm, params.id)
      const self = requirePrincipal(ctx.state.principal).id === user.id
      const losesAdmin = user.role === 'admin' && ((body.role !== undefined && body.role !== 'admin') || body.disabled === true)
      if (losesAdmin) await assertAnotherAdmin(orm, user.id, body.role !== undefined ? 'body.role' : 'body.disabled')
      if (self && body.disabled) throw InputError.fields([{ field: 'body.disabled', message: 'you cannot disable yourself' }])
      let endLogins = false
      if (body.name !== undefined) user.name = body.name
      if (body.role !== undefined && body.role !== user.role) {
        user.role = body.role
        endLogins = true
      }
      if (body.sessions !== undefined) user.sessions = await assertSessionsExist(orm.em, body.sessions, 'body.sessions')
      if (body.password !== undefined) {
        user.passwordHash = await hashPassword(body.password)
        endLogins = true
      }
      if (body.disabled !== undefined && body.disabled !== user.disabled) {
        user.disabled = body.disabled
        endLogins ||= body.disabled
      }
      user.updatedAt = new Date()
      if (endLogins) await auth.revokeUserTokens(orm.em, user.id)
      await orm.em.flush()
      await credentialsChanged({ kind: 'user', id: user.id })
      return toUserView(user)
    },
  })

  api.route({
    method: 'delete',
    path: '/users/:id',
    summary: 'Delete a user and end their logins',
    tags: ['users'],
    access: adminOnly,
    params: idParams,
    status: 204,
    errors: { 404: 'No such user' },
    async handler(ctx, { params }) {
      const user = await findUser(orm, params.id)
      if (requirePrincipal(ctx.state.principal).id === user.id) {
        throw InputError.fields([{ field: 'params.id', message: 'you cannot delete yourself' }])
      }
      if (user.role === 'admin') await assertAnotherAdmin(orm, user.id, 'params.id')
      await auth.revokeUserTokens(orm.em, user.id)
      orm.em.remove(user)
      await orm.em.flush()
      await credentialsChanged({ kind: 'user', id: user.id })
    },
  })
}

async function findUser(orm: MikroORM, id: string): Promise<User> {
  const user = await orm.em.findOne(User, { id })
  if (!user) throw new NotFoundError('USER_NOT_FOUND', `user ${id}`)
  return user
}

/** WaQtor must always keep one active admin, or nobody could manage it. */
async function assertAnotherAdmin(orm: MikroORM, userId: string, field: string): Promise<void> {
  const others = await orm.em.count(User, { role: 'admin', disabled: false, id: { $ne: userId } })
  if (others === 0) throw InputError.fields([{ field, message: 'this is the last active admin' }], 'LAST_ADMIN')
}
