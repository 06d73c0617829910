import type { MikroORM } from '@mikro-orm/core'
import { PluginSessionSetting } from '../db/entities/index.ts'

export interface SessionPluginState {
  enabled: boolean
  settings: Record<string, unknown>
}

/**
 * Which session-scoped plugins are on for which sessions. The database is the truth; this keeps a
 * read-through copy so the bus can filter every event without a query. In cluster mode each node
 * calls `reload` when another node announces a change.
 */
export class PluginEnablement {
  private readonly states = new Map<string, Map<string, SessionPluginState>>()

  constructor(private readonly orm: MikroORM) {}

  async reload(): Promise<void> {
    const rows = await this.orm.em.fork().find(PluginSessionSetting, {})
    this.states.clear()
    for (const row of rows) this.remember(row.pluginId, row.sessionId, { enabled: row.enabled, settings: row.settings })
  }

  get(pluginId: string, sessionId: string): SessionPluginState {
    return this.states.get(pluginId)?.get(sessionId) ?? { enabled: false, settings: {} }
  }

  isEnabled(pluginId: string, sessionId: string): boolean {
    return this.states.get(pluginId)?.get(sessionId)?.enabled ?? false
  }

  enabledSessions(pluginId: string): string[] {
    return [...(this.states.get(pluginId) ?? new Map<string, SessionPluginState>()).entries()].filter(([, state]) => state.enabled).map(([sessionId]) => sessionId)
  }

  async set(pluginId: string, sessionId: string, state: SessionPluginState): Promise<void> {
    const em = this.orm.em.fork()
    await em.upsert(PluginSessionSetting, { pluginId, sessionId, enabled: state.enabled, settings: state.settings, updatedAt: new Date() })
    this.remember(pluginId, sessionId, state)
  }

  /** Forgets a deleted session everywhere. */
  async forgetSession(sessionId: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(PluginSessionSetting, { sessionId })
    for (const sessions of this.states.values()) sessions.delete(sessionId)
  }

  private remember(pluginId: string, sessionId: string, state: SessionPluginState): void {
    let sessions = this.states.get(pluginId)
    if (!sessions) this.states.set(pluginId, (sessions = new Map()))
    sessions.set(sessionId, state)
  }
}
