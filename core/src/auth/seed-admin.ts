import type { MikroORM } from '@mikro-orm/core'
import { User } from '../db/entities/index.ts'
import { generatePassword, hashPassword } from './secrets.ts'

export interface SeededAdmin {
  email: string
  /** Set only when WaQtor generated the password; the caller prints it once. */
  generatedPassword: string | undefined
}

/**
 * Creates the first admin when the users table is empty. An existing database is never touched,
 * so changing WAQTOR_ADMIN_PASSWORD later does not reset anyone's password.
 */
export async function seedFirstAdmin(orm: MikroORM, email: string | undefined, password: string | undefined): Promise<SeededAdmin | undefined> {
  const em = orm.em.fork()
  if ((await em.count(User, {})) > 0) return undefined
  const generatedPassword = password ? undefined : generatePassword()
  const adminEmail = (email ?? 'admin@waqtor.local').toLowerCase()
  const now = new Date()
  em.create(User, {
    id: crypto.randomUUID(),
    email: adminEmail,
    name: 'Administrator',
    role: 'admin',
    passwordHash: await hashPassword(password ?? generatedPassword ?? ''),
    sessions: [],
    disabled: false,
    createdAt: now,
    updatedAt: now,
    lastLoginAt: null,
  })
  await em.flush()
  return { email: adminEmail, generatedPassword }
}
