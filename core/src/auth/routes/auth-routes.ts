import type { MikroORM } from '@mikro-orm/core'
import type { ParameterizedContext } from 'koa'
import { z } from 'zod'
import { User } from '../../db/entities/index.ts'
import { ForbiddenError, InputError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import type { AuthService, IssuedToken } from '../auth-service.ts'
import { readCredential, tokenCookie } from '../credentials.ts'
import { requirePrincipal, type Principal, type PrincipalRef } from '../principal.ts'
import type { RateLimits } from '../rate-limits.ts'
import { hashPassword, verifyPassword } from '../secrets.ts'
import { toUserView, userView } from '../auth-schemas.ts'

export interface AuthRouteDeps {
  api: ApiRouter
  orm: MikroORM
  auth: AuthService
  limits: RateLimits
  secureCookies: (protocol: string) => boolean
  /** Tells open realtime connections that logins or keys changed (they are checked again at once). */
  credentialsChanged: (owner: PrincipalRef) => Promise<void>
}

const issuedTokenView = z.object({ token: z.string(), expiresAt: z.string() })

const meView = z.object({
  kind: z.enum(['user', 'api-key']),
  id: z.string(),
  name: z.string(),
  role: z.string(),
  sessions: z.array(z.string()).nullable(),
  user: userView.nullable(),
})

export function registerAuthRoutes({ api, orm, auth, limits, secureCookies, credentialsChanged }: AuthRouteDeps): void {
  const describeCaller = async (principal: Principal): Promise<z.infer<typeof meView>> => {
    const user = principal.kind === 'user' ? await orm.em.findOne(User, { id: principal.id }) : null
    return {
      kind: principal.kind,
      id: principal.id,
      name: principal.name,
      role: principal.role,
      sessions: principal.sessions ? [...principal.sessions] : null,
      user: user ? toUserView(user) : null,
    }
  }

  const setTokenCookie = (ctx: ParameterizedContext, issued: IssuedToken) =>
    ctx.cookies.set(tokenCookie, issued.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies(ctx.protocol),
      expires: issued.expiresAt,
      path: '/',
    })

  api.route({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with e-mail and password',
    description: 'Returns a bearer token and also sets it as an httpOnly cookie for the admin panel.',
    tags: ['auth'],
    access: 'public',
    body: z.object({ email: z.email(), password: z.string().min(1).max(256) }),
    response: issuedTokenView.extend({ user: userView }),
    errors: { 401: 'Wrong e-mail or password' },
    async handler(ctx, { body }) {
      await limits.consumeForLogin(ctx.ip, body.email)
      const { user, issued } = await auth.login(orm.em, body.email, body.password)
      setTokenCookie(ctx, issued)
      return { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user: toUserView(user) }
    },
  })

  api.route({
    method: 'post',
    path: '/auth/logout',
    summary: 'End this login (the token or cookie used for the request)',
    tags: ['auth'],
    status: 204,
    async handler(ctx) {
      const credential = readCredential(ctx)
      if (credential?.kind === 'token') {
        await auth.logout(orm.em, credential.value)
        const caller = ctx.state.principal
        if (caller) await credentialsChanged({ kind: caller.kind, id: caller.id })
      }
      ctx.cookies.set(tokenCookie, null, { path: '/' })
    },
  })

  api.route({
    method: 'get',
    path: '/auth/me',
    summary: 'Who the caller is',
    tags: ['auth'],
    response: meView,
    handler: (ctx) => describeCaller(requirePrincipal(ctx.state.principal)),
  })

  api.route({
    method: 'get',
    path: '/auth/session',
    summary: 'Whether the caller is signed in, and as whom',
    description:
      'Answers 200 with or without credentials (an expired or revoked login counts as signed out), so a page that only asks, such as the panel opening its sign-in page, causes no 401.',
    tags: ['auth'],
    access: 'public',
    response: z.object({ authenticated: z.boolean(), me: meView.nullable() }),
    async handler(ctx) {
      const principal = ctx.state.principal
      return principal ? { authenticated: true, me: await describeCaller(principal) } : { authenticated: false, me: null }
    },
  })

  api.route({
    method: 'post',
    path: '/auth/password',
    summary: 'Change your own password',
    description: 'Ends every other login of yours and returns a fresh token (also set as the cookie).',
    tags: ['auth'],
    body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(12, 'at least 12 characters').max(256) }),
    response: issuedTokenView,
    async handler(ctx, { body }) {
      const principal = requirePrincipal(ctx.state.principal)
      if (principal.kind !== 'user') throw new ForbiddenError('USERS_ONLY', 'API keys have no password')
      const user = await orm.em.findOneOrFail(User, { id: principal.id })
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        throw InputError.fields([{ field: 'body.currentPassword', message: 'is wrong' }])
      }
      user.passwordHash = await hashPassword(body.newPassword)
      user.updatedAt = new Date()
      await auth.revokeUserTokens(orm.em, user.id)
      const issued = auth.issueToken(orm.em, user.id)
      await orm.em.flush()
      await credentialsChanged({ kind: 'user', id: user.id })
      setTokenCookie(ctx, issued)
      return { token: issued.token, expiresAt: issued.expiresAt.toISOString() }
    },
  })
}
