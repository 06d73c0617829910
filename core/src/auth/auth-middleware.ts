import type { MikroORM } from '@mikro-orm/core'
import type { Middleware } from 'koa'
import { UnauthorizedError } from '../errors/app-error.ts'
import type { WaqtorState } from '../http/api-context.ts'
import type { AuthService } from './auth-service.ts'
import { readCredential } from './credentials.ts'
import type { RateLimits } from './rate-limits.ts'

/** Paths that answer without credentials; everything else under /api, and /metrics, needs them. */
const publicApiPaths = new Set(['/api/auth/login', '/api/auth/session'])

export function needsCredentials(path: string): boolean {
  if (publicApiPaths.has(path)) return false
  // Signed download links: the HMAC signature in the link is the credential (core/src/files/signed-url.ts).
  if (path.startsWith('/api/files/signed/')) return false
  return path === '/api' || path.startsWith('/api/') || path === '/metrics'
}

/**
 * Resolves the caller, refuses protected paths without valid credentials (default deny: a
 * plugin route is protected even if its author forgets), then applies the caller's rate limit.
 */
export function authMiddleware(orm: MikroORM, auth: AuthService, limits: RateLimits): Middleware<WaqtorState> {
  return async (ctx, next) => {
    const credential = readCredential(ctx)
    if (credential) {
      const em = orm.em
      ctx.state.principal =
        credential.kind === 'api-key'
          ? await auth.principalFromApiKey(em, credential.value)
          : await auth.principalFromToken(em, credential.value)
    }
    if (needsCredentials(ctx.path)) {
      if (!ctx.state.principal) {
        throw credential
          ? new UnauthorizedError('INVALID_CREDENTIALS', 'The token or API key is invalid, expired or revoked')
          : new UnauthorizedError('UNAUTHORIZED', 'Send a bearer token, an X-Api-Key header or log in')
      }
      await limits.consumeForPrincipal(ctx, ctx.state.principal)
    }
    await next()
  }
}
