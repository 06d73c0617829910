import type { EntityManager } from '@mikro-orm/core'
import { ApiKey, AuthToken, User } from '../db/entities/index.ts'
import { keyPrincipal, userPrincipal } from './auth-service.ts'
import type { Principal } from './principal.ts'

/** A stored credential named by the hash of its secret: a login token or an API key. */
export interface HashedCredential {
  kind: 'login' | 'api-key'
  hash: string
}

export const credentialKey = (credential: HashedCredential) => `${credential.kind}:${credential.hash}`

// Well under the bound-parameter limits of SQLite and PostgreSQL.
const chunkSize = 1000

/**
 * The principals of many credentials at once, keyed by `credentialKey`, in a few queries whatever
 * their number (what the realtime layer checks every period). Unknown, expired or revoked
 * credentials and disabled users are absent. Expired logins are deleted and keys in use get their
 * `lastUsedAt` refreshed (at most once a minute), as single lookups do.
 */
export async function principalsByCredential(em: EntityManager, credentials: readonly HashedCredential[]): Promise<Map<string, Principal>> {
  const found = new Map<string, Principal>()
  const now = Date.now()
  const tokenHashes = unique(credentials.filter((credential) => credential.kind === 'login').map((credential) => credential.hash))
  const keyHashes = unique(credentials.filter((credential) => credential.kind === 'api-key').map((credential) => credential.hash))

  const tokens = await findIn(tokenHashes, (hashes) => em.find(AuthToken, { tokenHash: { $in: hashes } }))
  const live = tokens.filter((token) => token.expiresAt.getTime() > now)
  const expired = tokens.filter((token) => token.expiresAt.getTime() <= now).map((token) => token.tokenHash)
  for (const hashes of chunks(expired)) await em.nativeDelete(AuthToken, { tokenHash: { $in: hashes } })
  const users = new Map((await findIn(unique(live.map((token) => token.userId)), (ids) => em.find(User, { id: { $in: ids } }))).map((user) => [user.id, user]))
  for (const token of live) {
    const user = users.get(token.userId)
    if (user && !user.disabled) found.set(credentialKey({ kind: 'login', hash: token.tokenHash }), userPrincipal(user))
  }

  const keys = (await findIn(keyHashes, (hashes) => em.find(ApiKey, { keyHash: { $in: hashes } }))).filter(
    (key) => !key.revokedAt && (!key.expiresAt || key.expiresAt.getTime() > now),
  )
  for (const key of keys) found.set(credentialKey({ kind: 'api-key', hash: key.keyHash }), keyPrincipal(key))
  const stale = keys.filter((key) => !key.lastUsedAt || now - key.lastUsedAt.getTime() > 60_000).map((key) => key.id)
  for (const ids of chunks(stale)) await em.nativeUpdate(ApiKey, { id: { $in: ids } }, { lastUsedAt: new Date(now) })
  return found
}

async function findIn<T>(values: string[], find: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const results: T[] = []
  for (const chunk of chunks(values)) results.push(...(await find(chunk)))
  return results
}

function chunks(values: string[]): string[][] {
  const out: string[][] = []
  for (let start = 0; start < values.length; start += chunkSize) out.push(values.slice(start, start + chunkSize))
  return out
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
