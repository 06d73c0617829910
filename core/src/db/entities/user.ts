import { EntitySchema } from '@mikro-orm/core'

export const roles = ['admin', 'agent', 'viewer'] as const
export type Role = (typeof roles)[number]

export class User {
  id!: string
  email!: string
  name!: string
  role!: Role
  passwordHash!: string
  /** Sessions this user may see; ignored for admins, who see every session. */
  sessions!: string[]
  disabled!: boolean
  createdAt!: Date
  updatedAt!: Date
  lastLoginAt?: Date | null
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'string', primary: true, length: 36 },
    email: { type: 'string', unique: true, length: 320 },
    name: { type: 'string', length: 200 },
    role: { type: 'string', length: 16 },
    passwordHash: { type: 'string', length: 255, hidden: true },
    sessions: { type: 'json' },
    disabled: { type: 'boolean', default: false },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    lastLoginAt: { type: 'datetime', nullable: true },
  },
})
