import type { MikroORM } from '@mikro-orm/core'
import type { Registry } from 'prom-client'
import { pluginSessionDisabled } from '../bus/core-events.ts'
import type { EventBus } from '../bus/event-bus.ts'
import type { Clock } from '../clock/index.ts'
import { forkSqlEm } from '../db/sql-em.ts'
import type { Logger } from '../logging/create-logger.ts'
import { ChatOwnerStore } from './chat-owner-store.ts'
import { ResponderChain } from './responder-chain.ts'

export { ChatOwnerStore } from './chat-owner-store.ts'
export { ResponderChain, GUARD_PRIORITY_LIMIT } from './responder-chain.ts'
export { createPluginResponders, DEFAULT_RESPONDER_PRIORITY } from './plugin-responders.ts'
export type { ChatOwner, Claim, OwnOptions, PluginResponders, ResponderHandler, ResponderResult, ResponderTurn } from './responder-types.ts'

export interface Responders {
  chain: ResponderChain
  owners: ChatOwnerStore
}

export interface CreateRespondersOptions {
  orm: MikroORM
  bus: EventBus
  clock: Clock
  logger: Logger
  registry: Registry
  timeoutMs: number
  /** Whether a plugin is registered or started on this node (owners of other plugins count as none). */
  isPluginRunning: (pluginId: string) => boolean
}

/** The kernel's responder chain and chat owners; a plugin switched off for a session gives its chats back there. */
export function createResponders(options: CreateRespondersOptions): Responders {
  const owners = new ChatOwnerStore({ knex: forkSqlEm(options.orm).getKnex(), clock: options.clock, cacheTtlMs: 1_000, cacheMax: 50_000, isPluginRunning: options.isPluginRunning })
  const chain = new ResponderChain({ bus: options.bus, owners, logger: options.logger, registry: options.registry, timeoutMs: options.timeoutMs })
  options.bus.on(pluginSessionDisabled, ({ pluginId, sessionId }) => owners.releaseAll(pluginId, sessionId), { id: 'core.responders.release', owner: 'core' })
  return { chain, owners }
}
