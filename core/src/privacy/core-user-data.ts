import { randomBytes } from 'node:crypto'
import type { MikroORM } from '@mikro-orm/core'
import { ApiKey, AuthToken, Notification, User } from '../db/entities/index.ts'
import { ConflictError, NotFoundError } from '../errors/app-error.ts'
import type { UserSubject } from './privacy-subject.ts'
import type { EraseCounts } from './privacy-types.ts'

/**
 * The kernel's data about a panel user. Personal: e-mail, name, last login, login tokens,
 * notifications. Kept on erase: the row itself (anonymized and disabled, so the id other records
 * point at names nobody) and the API keys the user created (they belong to the agency's
 * integrations; exported, and listed as kept).
 */
export class CoreUserData {
  constructor(
    private readonly orm: MikroORM,
    private readonly credentialsChanged: (userId: string) => Promise<void>,
  ) {}

  async export(subject: UserSubject): Promise<Record<string, unknown>> {
    const em = this.orm.em.fork()
    const user = await em.findOne(User, { id: subject.userId })
    if (!user) throw new NotFoundError('USER_NOT_FOUND', `user ${subject.userId}`)
    const notifications = await em.find(Notification, { userId: user.id }, { orderBy: { createdAt: 'asc' } })
    const tokens = await em.find(AuthToken, { userId: user.id }, { orderBy: { createdAt: 'asc' } })
    const keys = await em.find(ApiKey, { createdBy: user.id }, { orderBy: { createdAt: 'asc' } })
    return {
      user: {
        id: user.id, email: user.email, name: user.name, role: user.role, sessions: user.sessions, disabled: user.disabled,
        createdAt: user.createdAt.toISOString(), updatedAt: user.updatedAt.toISOString(), lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      },
      // Only when and until when: a token's secret is never stored.
      logins: tokens.map((token) => ({ createdAt: token.createdAt.toISOString(), expiresAt: token.expiresAt.toISOString() })),
      notifications: notifications.map((item) => ({
        id: item.id, type: item.type, title: item.title, body: item.body ?? null, data: item.data ?? null, severity: item.severity, sessionId: item.sessionId ?? null,
        source: item.source, createdAt: item.createdAt.toISOString(), readAt: item.readAt?.toISOString() ?? null,
      })),
      apiKeysCreated: keys.map((key) => ({
        id: key.id, name: key.name, prefix: key.prefix, role: key.role, createdAt: key.createdAt.toISOString(),
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null, revokedAt: key.revokedAt?.toISOString() ?? null,
      })),
    }
  }

  /** Refuses an unknown user (404) and the last active admin (409), before anything is erased. */
  async assertErasable(subject: UserSubject): Promise<void> {
    const em = this.orm.em.fork()
    const user = await em.findOne(User, { id: subject.userId })
    if (!user) throw new NotFoundError('USER_NOT_FOUND', `user ${subject.userId}`)
    if (user.role === 'admin' && !user.disabled && (await em.count(User, { role: 'admin', disabled: false, id: { $ne: user.id } })) === 0) {
      throw new ConflictError('LAST_ADMIN', 'this is the last active admin: erasing them would lock everyone out; make another admin first')
    }
  }

  async erase(subject: UserSubject): Promise<EraseCounts> {
    await this.assertErasable(subject)
    const counts = await this.orm.em.fork().transactional(async (em) => {
      const user = await em.findOne(User, { id: subject.userId })
      if (!user) throw new NotFoundError('USER_NOT_FOUND', `user ${subject.userId}`)
      user.email = `erased-${user.id}@erased.invalid`
      user.name = 'Erased user'
      // Nobody knows this password, not even its hash's author: the account cannot log in again.
      user.passwordHash = `erased:${randomBytes(24).toString('hex')}`
      user.disabled = true
      user.lastLoginAt = null
      user.updatedAt = new Date()
      await em.flush()
      return {
        loginTokens: await em.nativeDelete(AuthToken, { userId: user.id }),
        notifications: await em.nativeDelete(Notification, { userId: user.id }),
        apiKeysKept: await em.count(ApiKey, { createdBy: user.id }),
      }
    })
    await this.credentialsChanged(subject.userId)
    return { deleted: { loginTokens: counts.loginTokens, notifications: counts.notifications }, anonymized: { users: 1 }, kept: { apiKeysCreated: counts.apiKeysKept } }
  }
}
