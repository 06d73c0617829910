import type { MikroORM } from '@mikro-orm/core'
import { apiKeyPrefix, type AuthService } from '../auth/auth-service.ts'
import type { Principal } from '../auth/principal.ts'
import { sha256Hex } from '../auth/secrets.ts'
import type { Logger } from '../logging/create-logger.ts'
import { isOriginAllowed } from './origin-policy.ts'
import { RealtimeError } from './realtime-errors.ts'
import type { RealtimeSettings } from './realtime-settings.ts'
import type { RealtimeStats } from './realtime-stats.ts'
import { loginTokenFromCookie } from './handshake-cookie.ts'
import type { RealtimeSocket, SocketCredential } from './realtime-types.ts'
import { verifySignedHandshake } from './signed-handshake.ts'

export interface HandshakeChecks {
  settings: RealtimeSettings
  orm: MikroORM
  auth: AuthService
  stats: RealtimeStats
  logger: Logger
  /** A reason to refuse every handshake right now (shutting down, plugin stopped), if any. */
  unavailable(): RealtimeError | undefined
}

type Next = (error?: RealtimeError) => void

/**
 * socket.io middleware of every namespace: origin, credentials (`auth: { token }`, a login token or
 * an API key; without it, the panel's login cookie), and the HMAC signature when one is configured. A refusal reaches the client as
 * `connect_error` with `message` and `data: { code }`, and is counted by code.
 */
export function handshakeMiddleware(checks: HandshakeChecks): (socket: RealtimeSocket, next: Next) => void {
  return (socket, next) => {
    authenticate(socket, checks).then(
      ({ principal, credential }) => {
        socket.data.principal = principal
        socket.data.credential = credential
        next()
      },
      (error: unknown) => {
        const refused = error instanceof RealtimeError ? error : new RealtimeError('HANDSHAKE_FAILED', 'The credentials could not be checked; try again')
        if (!(error instanceof RealtimeError)) checks.logger.error({ err: error }, 'realtime handshake failed')
        checks.stats.rejectedHandshake(refused.code)
        next(refused)
      },
    )
  }
}

async function authenticate(socket: RealtimeSocket, checks: HandshakeChecks): Promise<{ principal: Principal; credential: SocketCredential }> {
  const { settings } = checks
  const unavailable = checks.unavailable()
  if (unavailable) throw unavailable
  const headers = socket.handshake.headers
  if (!isOriginAllowed(headers, settings.origins, settings.trustProxy)) {
    throw new RealtimeError('ORIGIN_NOT_ALLOWED', `Connections from ${headers.origin ?? 'this origin'} are not allowed`)
  }
  const auth = socket.handshake.auth as Record<string, unknown>
  const given = typeof auth.token === 'string' ? auth.token.trim() : ''
  // The cookie is safe to accept because the origin check above ran first: a page of another site
  // cannot open a socket that carries it. It only ever holds a login token, never an API key.
  const token = given || loginTokenFromCookie(socket.request)
  if (!token) throw new RealtimeError('UNAUTHORIZED', 'Send auth: { token } with a login token or an API key, or connect with the login cookie of POST /api/auth/login')
  if (settings.hmacSecret !== undefined) {
    // Whatever carried the token, it must be signed: the cookie alone does not pass (SIGNATURE_REQUIRED).
    verifySignedHandshake({ token, timestamp: auth.timestamp, signature: auth.signature }, settings.hmacSecret, settings.hmacWindowSeconds)
  }
  const em = checks.orm.em.fork()
  const isApiKey = given !== '' && token.startsWith(apiKeyPrefix)
  const credential: SocketCredential = { kind: isApiKey ? 'api-key' : 'login', hash: sha256Hex(token) }
  const principal = isApiKey ? await checks.auth.principalFromApiKeyHash(em, credential.hash) : await checks.auth.principalFromTokenHash(em, credential.hash)
  if (!principal) throw new RealtimeError('INVALID_CREDENTIALS', 'The token or API key is invalid, expired or revoked')
  return { principal, credential }
}
