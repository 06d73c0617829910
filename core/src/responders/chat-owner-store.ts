import type { Knex } from '@mikro-orm/knex'
import type { Clock } from '../clock/index.ts'
import { ConflictError, InputError } from '../errors/app-error.ts'
import type { ChatOwner, OwnOptions } from './responder-types.ts'

interface OwnerRow {
  session_id: string
  chat_id: string
  plugin_id: string
  kind: string
  since_ms: number | string
  until_ms: number | string | null
}

interface CacheEntry {
  owner: ChatOwner | null
  untilMs: number | null
  /** performance.now() when it was read from the database. */
  loadedAt: number
}

export interface ChatOwnerStoreOptions {
  knex: Knex
  clock: Clock
  /** How long a cached owner is trusted; another node's change is seen within this. */
  cacheTtlMs: number
  /** Chats remembered at most; the oldest are forgotten first. */
  cacheMax: number
  /** Whether a plugin runs here; an owner whose plugin does not (uninstalled, failed) counts as none. */
  isPluginRunning: (pluginId: string) => boolean
}

const kindPattern = /^[a-z][a-z0-9-]{0,31}$/
const TABLE = 'chat_owners'

/**
 * Chat ownership in the shared database, with a read-through cache per chat so the message path
 * does not query for every inbound message. This node's writes update the cache at once; another
 * node's are seen within `cacheTtlMs` (a session's messages are handled by the node running it,
 * so in practice only a takeover from another node's panel waits that long).
 */
export class ChatOwnerStore {
  private readonly cache = new Map<string, CacheEntry>()

  constructor(private readonly options: ChatOwnerStoreOptions) {}

  async get(sessionId: string, chatId: string): Promise<ChatOwner | null> {
    const key = cacheKey(sessionId, chatId)
    const entry = this.cache.get(key)
    if (entry && performance.now() - entry.loadedAt < this.options.cacheTtlMs) return this.live(entry)
    const row = (await this.options.knex<OwnerRow>(TABLE).where({ session_id: sessionId, chat_id: chatId }).first()) ?? null
    const owner = row ? toOwner(row) : null
    const untilMs = row?.until_ms == null ? null : Number(row.until_ms)
    if (untilMs !== null && untilMs <= this.options.clock.now()) {
      await this.options.knex(TABLE).where({ session_id: sessionId, chat_id: chatId }).andWhere('until_ms', '<=', this.options.clock.now()).delete()
      return this.remember(key, null, null)
    }
    this.remember(key, owner, untilMs)
    return this.peek(sessionId, chatId)
  }

  /** The cached owner without I/O (after `get` for the same chat). */
  peek(sessionId: string, chatId: string): ChatOwner | null {
    const entry = this.cache.get(cacheKey(sessionId, chatId))
    return entry ? this.live(entry) : null
  }

  async own(pluginId: string, sessionId: string, chatId: string, options: OwnOptions): Promise<ChatOwner> {
    const now = this.options.clock.now()
    const untilMs = parseUntil(options, now)
    if (typeof options?.kind !== 'string' || !kindPattern.test(options.kind)) {
      throw InputError.fields([{ field: 'kind', message: 'must be a lowercase word such as "flow", "agent" or "bot" (at most 32 characters)' }], 'CHAT_OWNER_INVALID')
    }
    const row = { session_id: sessionId, chat_id: chatId, plugin_id: pluginId, kind: options.kind, since_ms: now, until_ms: untilMs }
    const knex = this.options.knex
    // One statement on both databases: insert, or take over a row this plugin holds, a lapsed one,
    // or (with replace) anyone's. Two nodes racing for a chat cannot both win.
    const upsert = knex(TABLE).insert(row).onConflict(['session_id', 'chat_id']).merge()
    if (options.replace) await upsert
    else await upsert.where((builder) => builder.where(`${TABLE}.plugin_id`, pluginId).orWhere(`${TABLE}.until_ms`, '<=', now))
    let stored = await knex<OwnerRow>(TABLE).where({ session_id: sessionId, chat_id: chatId }).first()
    if (stored && stored.plugin_id !== pluginId && !this.options.isPluginRunning(stored.plugin_id)) {
      // Held by a plugin that no longer runs: take it over, unless someone else just did.
      await knex(TABLE).where({ session_id: sessionId, chat_id: chatId, plugin_id: stored.plugin_id }).update({ plugin_id: pluginId, kind: options.kind, since_ms: now, until_ms: untilMs })
      stored = await knex<OwnerRow>(TABLE).where({ session_id: sessionId, chat_id: chatId }).first()
    }
    const owner = stored ? toOwner(stored) : null
    this.remember(cacheKey(sessionId, chatId), owner, stored?.until_ms == null ? null : Number(stored.until_ms))
    if (!owner || owner.pluginId !== pluginId) {
      throw new ConflictError('CHAT_OWNED', `chat ${chatId} of session ${sessionId} is owned by plugin "${owner?.pluginId}" (${owner?.kind})`, { owner })
    }
    return owner
  }

  async release(pluginId: string, sessionId: string, chatId: string): Promise<boolean> {
    const removed = await this.options.knex(TABLE).where({ session_id: sessionId, chat_id: chatId, plugin_id: pluginId }).delete()
    if (removed > 0) this.remember(cacheKey(sessionId, chatId), null, null)
    else this.cache.delete(cacheKey(sessionId, chatId))
    return removed > 0
  }

  /** Releases every chat a plugin owns in a session (it was switched off there). */
  async releaseAll(pluginId: string, sessionId: string): Promise<number> {
    const removed = await this.options.knex(TABLE).where({ session_id: sessionId, plugin_id: pluginId }).delete()
    this.forgetCached(sessionId)
    return removed
  }

  /** Another component deleted the chat's owner row (a privacy erase): read it afresh next time. */
  forgetChat(sessionId: string, chatId: string): void {
    this.cache.delete(cacheKey(sessionId, chatId))
  }

  /** Removes every owner of a deleted session. */
  async forgetSession(sessionId: string): Promise<void> {
    await this.options.knex(TABLE).where({ session_id: sessionId }).delete()
    this.forgetCached(sessionId)
  }

  private forgetCached(sessionId: string): void {
    const prefix = `${sessionId}\u0000`
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key)
  }

  private live(entry: CacheEntry): ChatOwner | null {
    if (!entry.owner || (entry.untilMs !== null && entry.untilMs <= this.options.clock.now())) return null
    return this.options.isPluginRunning(entry.owner.pluginId) ? entry.owner : null
  }

  private remember(key: string, owner: ChatOwner | null, untilMs: number | null): ChatOwner | null {
    this.cache.delete(key)
    if (this.cache.size >= this.options.cacheMax) {
      const oldest = this.cache.keys().next()
      if (!oldest.done) this.cache.delete(oldest.value)
    }
    this.cache.set(key, { owner, untilMs, loadedAt: performance.now() })
    return owner
  }
}

function cacheKey(sessionId: string, chatId: string): string {
  return `${sessionId}\u0000${chatId}`
}

function toOwner(row: OwnerRow): ChatOwner {
  return {
    sessionId: row.session_id,
    chatId: row.chat_id,
    pluginId: row.plugin_id,
    kind: row.kind,
    since: new Date(Number(row.since_ms)).toISOString(),
    until: row.until_ms == null ? null : new Date(Number(row.until_ms)).toISOString(),
  }
}

function parseUntil(options: OwnOptions, now: number): number | null {
  if (options?.until === undefined) return null
  const until = options.until instanceof Date ? options.until.getTime() : typeof options.until === 'string' ? Date.parse(options.until) : Number.NaN
  if (!Number.isFinite(until) || until <= now) {
    throw InputError.fields([{ field: 'until', message: 'must be a Date or an ISO 8601 time in the future' }], 'CHAT_OWNER_INVALID')
  }
  return until
}
