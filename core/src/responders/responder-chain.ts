import { Counter, type Registry } from 'prom-client'
import type { Disposer } from '../bus/bus-types.ts'
import { messageReceived, type MessageEventPayload } from '../bus/core-events.ts'
import type { EventBus } from '../bus/event-bus.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { ChatOwnerStore } from './chat-owner-store.ts'
import type { Claim, ResponderHandler, ResponderResult, ResponderTurn } from './responder-types.ts'

/** Responders below this priority (opt-out and consent keywords) run even before the chat's owner. */
export const GUARD_PRIORITY_LIMIT = 200

export interface ResponderEntry {
  pluginId: string
  responderId: string
  priority: number
  handler: ResponderHandler
  /** Whether the plugin is on for a session (always true for global plugins). */
  isActiveFor: (sessionId: string) => boolean
}

interface Registered extends ResponderEntry {
  /** Registration order: breaks ties between equal priorities. */
  sequence: number
}

export interface ResponderChainOptions {
  bus: EventBus
  owners: ChatOwnerStore
  logger: Logger
  registry: Registry
  /** A responder not settled after this long counts as failed and the next one runs. */
  timeoutMs: number
}

/**
 * Runs the responders of a session on each inbound message, after it is stored and emitted: the
 * guards (priority < 200), then the chat owner's responders, then the others, each group by
 * priority. The first `{ claim: true }` answers; later responders are told who claimed it. The chain
 * is one bus handler of `message.received`, so a chat's messages go through it in order and the
 * message itself (storage, realtime, webhooks) never waits for it.
 */
export class ResponderChain {
  private entries: Registered[] = []
  private sequence = 0
  private subscription: Disposer | undefined
  private readonly claims: Counter<'plugin' | 'responder'>
  private readonly errors: Counter<'plugin' | 'responder'>

  constructor(private readonly options: ResponderChainOptions) {
    this.claims = new Counter({ name: 'waqtor_responder_claims_total', help: 'Inbound messages claimed, by responder', labelNames: ['plugin', 'responder'], registers: [options.registry] })
    this.errors = new Counter({ name: 'waqtor_responder_errors_total', help: 'Responders that threw or timed out', labelNames: ['plugin', 'responder'], registers: [options.registry] })
  }

  add(entry: ResponderEntry): Disposer {
    const registered: Registered = { ...entry, sequence: this.sequence++ }
    this.entries = [...this.entries, registered].sort((a, b) => a.priority - b.priority || a.sequence - b.sequence)
    // Subscribed only while there is a responder: without any, inbound messages pay nothing.
    this.subscription ??= this.options.bus.on(messageReceived, (message) => this.handle(message), { id: 'core.responders', owner: 'core' })
    return () => {
      if (!this.entries.includes(registered)) return
      this.entries = this.entries.filter((candidate) => candidate !== registered)
      if (this.entries.length === 0) {
        this.subscription?.()
        this.subscription = undefined
      }
    }
  }

  /** The responders of a session in the order they would run now, for an owner plugin (or none). */
  orderFor(sessionId: string, ownerPluginId: string | null): ReadonlyArray<ResponderEntry> {
    const active = this.entries.filter((entry) => entry.isActiveFor(sessionId))
    if (ownerPluginId === null) return active
    const owners = active.filter((entry) => entry.pluginId === ownerPluginId && entry.priority >= GUARD_PRIORITY_LIMIT)
    if (owners.length === 0) return active
    const guards = active.filter((entry) => entry.priority < GUARD_PRIORITY_LIMIT)
    const rest = active.filter((entry) => entry.priority >= GUARD_PRIORITY_LIMIT && entry.pluginId !== ownerPluginId)
    return [...guards, ...owners, ...rest]
  }

  async handle(message: MessageEventPayload): Promise<Claim | null> {
    const { sessionId, chatId } = message
    const anyActive = this.entries.some((entry) => entry.isActiveFor(sessionId))
    if (!anyActive) return null
    const owners = this.options.owners
    const owner = await owners.get(sessionId, chatId)
    let claimedBy: Claim | null = null
    for (const entry of this.orderFor(sessionId, owner?.pluginId ?? null)) {
      const turn: ResponderTurn = Object.freeze({ message, sessionId, chatId, claimedBy, owner: owners.peek(sessionId, chatId) })
      const result = await this.call(entry, turn)
      if (result?.claim !== true) continue
      if (claimedBy) {
        this.options.logger.warn({ plugin: entry.pluginId, responder: entry.responderId, claimedBy, session: sessionId }, 'responder claimed a message already claimed: ignored')
        continue
      }
      claimedBy = Object.freeze({ pluginId: entry.pluginId, responderId: entry.responderId })
      this.claims.inc({ plugin: entry.pluginId, responder: entry.responderId })
    }
    return claimedBy
  }

  private async call(entry: ResponderEntry, turn: ResponderTurn): Promise<ResponderResult> {
    let timer: NodeJS.Timeout | undefined
    try {
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`did not answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs)
      })
      const result = await Promise.race([Promise.resolve().then(() => entry.handler(turn)), timeout])
      return typeof result === 'object' && result !== null ? result : undefined
    } catch (error) {
      this.errors.inc({ plugin: entry.pluginId, responder: entry.responderId })
      this.options.logger.error({ err: error, plugin: entry.pluginId, responder: entry.responderId, session: turn.sessionId }, 'responder failed; the next one runs')
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }
}
