import { z } from 'zod'
import { roles, type ApiKey, type User } from '../db/entities/index.ts'

/** Ids that would be shadowed by routes such as GET /api/sessions/list. */
const reservedClientIds = new Set(['list', 'create'])

export const clientIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a session id: lowercase letters, digits, "_" or "-", 1-63 characters')
  .refine((id) => !reservedClientIds.has(id), 'is reserved ("list" and "create" name API routes)')

export const roleSchema = z.enum(roles)

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  sessions: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
})

export const apiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: roleSchema,
  sessions: z.array(z.string()).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})

export const idParams = z.object({ id: z.string().min(1).max(64) })

export function toUserView(user: User): z.infer<typeof userView> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessions: user.sessions,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  }
}

export function toApiKeyView(key: ApiKey): z.infer<typeof apiKeyView> {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    sessions: key.sessions,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  }
}
