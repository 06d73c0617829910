import { EntitySchema } from '@mikro-orm/core'

/** A login token; only the SHA-256 of the token is stored, so a database leak yields no usable token. */
export class AuthToken {
  tokenHash!: string
  userId!: string
  createdAt!: Date
  expiresAt!: Date
}

export const AuthTokenSchema = new EntitySchema<AuthToken>({
  class: AuthToken,
  tableName: 'auth_tokens',
  properties: {
    tokenHash: { type: 'string', primary: true, length: 64 },
    userId: { type: 'string', length: 36, index: true },
    createdAt: { type: 'datetime' },
    expiresAt: { type: 'datetime' },
  },
})
