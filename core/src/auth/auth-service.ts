import type { EntityManager } from '@mikro-orm/core'
import { ApiKey, AuthToken, User } from '../db/entities/index.ts'
import type { Role } from '../db/entities/user.ts'
import { UnauthorizedError } from '../errors/app-error.ts'
import type { Principal } from './principal.ts'
import { hashPassword, randomSecret, sha256Hex, verifyPassword } from './secrets.ts'

export const apiKeyPrefix = 'wqk_'

// Verifying against a real hash when the e-mail is unknown keeps login timing uniform.
let decoyHash: Promise<string> | undefined

export interface IssuedToken {
  token: string
  expiresAt: Date
}

/** Login tokens and API keys, stored hashed in the shared database so any node can check them. */
export class AuthService {
  constructor(private readonly tokenTtlHours: number) {}

  async login(em: EntityManager, email: string, password: string): Promise<{ user: User; issued: IssuedToken }> {
    const user = await em.findOne(User, { email: email.toLowerCase() })
    if (!user || user.disabled) {
      await verifyPassword(await (decoyHash ??= hashPassword(randomSecret())), password)
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'E-mail or password is wrong')
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'E-mail or password is wrong')
    }
    user.lastLoginAt = new Date()
    const issued = this.issueToken(em, user.id)
    await em.flush()
    return { user, issued }
  }

  issueToken(em: EntityManager, userId: string): IssuedToken {
    const token = randomSecret(32)
    const expiresAt = new Date(Date.now() + this.tokenTtlHours * 3_600_000)
    em.create(AuthToken, { tokenHash: sha256Hex(token), userId, createdAt: new Date(), expiresAt })
    return { token, expiresAt }
  }

  async logout(em: EntityManager, token: string): Promise<void> {
    await em.nativeDelete(AuthToken, { tokenHash: sha256Hex(token) })
  }

  /** Ends every login of a user (password change, user disabled or deleted). */
  async revokeUserTokens(em: EntityManager, userId: string): Promise<void> {
    await em.nativeDelete(AuthToken, { userId })
  }

  async principalFromToken(em: EntityManager, token: string): Promise<Principal | undefined> {
    return await this.principalFromTokenHash(em, sha256Hex(token))
  }

  /** The same, from the token's hash (what a realtime connection keeps to check its login again). */
  async principalFromTokenHash(em: EntityManager, tokenHash: string): Promise<Principal | undefined> {
    const stored = await em.findOne(AuthToken, { tokenHash })
    if (!stored) return undefined
    if (stored.expiresAt.getTime() <= Date.now()) {
      await em.nativeDelete(AuthToken, { tokenHash: stored.tokenHash })
      return undefined
    }
    const user = await em.findOne(User, { id: stored.userId })
    if (!user || user.disabled) return undefined
    return userPrincipal(user)
  }

  async principalFromApiKey(em: EntityManager, key: string): Promise<Principal | undefined> {
    if (!key.startsWith(apiKeyPrefix)) return undefined
    return await this.principalFromApiKeyHash(em, sha256Hex(key))
  }

  /** The same, from the key's hash (what a realtime connection keeps to check its key again). */
  async principalFromApiKeyHash(em: EntityManager, keyHash: string): Promise<Principal | undefined> {
    const stored = await em.findOne(ApiKey, { keyHash })
    if (!stored || stored.revokedAt) return undefined
    if (stored.expiresAt && stored.expiresAt.getTime() <= Date.now()) return undefined
    // At most one write a minute per key, so busy keys do not turn every read into a write.
    if (!stored.lastUsedAt || Date.now() - stored.lastUsedAt.getTime() > 60_000) {
      await em.nativeUpdate(ApiKey, { id: stored.id }, { lastUsedAt: new Date() })
    }
    return keyPrincipal(stored)
  }

  /** Creates a key and returns its secret, which is never stored and never shown again. */
  createApiKey(em: EntityManager, input: { name: string; role: Role; sessions: string[] | null; createdBy: string; expiresAt: Date | null }): { key: ApiKey; secret: string } {
    const secret = `${apiKeyPrefix}${randomSecret(32)}`
    const key = em.create(ApiKey, {
      id: crypto.randomUUID(),
      name: input.name,
      prefix: secret.slice(0, 12),
      keyHash: sha256Hex(secret),
      role: input.role,
      sessions: input.role === 'admin' ? null : input.sessions,
      createdBy: input.createdBy,
      createdAt: new Date(),
      expiresAt: input.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    })
    return { key, secret }
  }
}

export function userPrincipal(user: User): Principal {
  return {
    kind: 'user',
    id: user.id,
    name: user.email,
    role: user.role,
    sessions: user.role === 'admin' ? null : new Set(user.sessions),
  }
}

export function keyPrincipal(key: ApiKey): Principal {
  return {
    kind: 'api-key',
    id: key.id,
    name: key.name,
    role: key.role,
    sessions: key.role === 'admin' || key.sessions === null ? null : new Set(key.sessions),
  }
}
