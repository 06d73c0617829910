import type { SqlEntityManager } from '@mikro-orm/knex'
import { Registry } from 'prom-client'
import type { MessageEventPayload } from '../../core/src/bus/core-events.ts'
import { EventBus } from '../../core/src/bus/event-bus.ts'
import type { TestKernel } from '@waqtor/core/testing'
import { ChatOwnerStore, ResponderChain } from '../../core/src/responders/index.ts'

/**
 * The chain by itself on the kernel's database: the owner lookup, the ordering and three trivial
 * responders, timed per message without the rest of the inbound path, so load elsewhere on the
 * machine does not drown it. `cacheTtlMs` 1000 is the kernel's setting (a chat's owner is read from
 * the database at most once a second); 0 reads it for every message, the worst case.
 */
export async function timeChainAlone(harness: TestKernel, messages: number, chats: number, cacheTtlMs: number): Promise<number[]> {
  const { kernel } = harness
  // A bus nobody emits on: the chain subscribes to it, and is called directly here.
  const idleBus = new EventBus({ logger: kernel.logger, registry: new Registry(), maxQueued: 10, handlerTimeoutMs: 30_000 })
  const knex = (kernel.orm.em.fork() as SqlEntityManager).getKnex()
  const owners = new ChatOwnerStore({ knex, clock: kernel.clock, cacheTtlMs, cacheMax: 50_000, isPluginRunning: () => true })
  const chain = new ResponderChain({ bus: idleBus, owners, logger: kernel.logger, registry: new Registry(), timeoutMs: 30_000 })
  const always = () => true
  chain.add({ pluginId: 'guard', responderId: 'guard', priority: 100, isActiveFor: always, handler: (turn) => (turn.message.body === 'STOP' ? { claim: true } : undefined) })
  chain.add({ pluginId: 'flow', responderId: 'flow', priority: 300, isActiveFor: always, handler: (turn) => (turn.owner?.pluginId === 'flow' ? { claim: true } : undefined) })
  chain.add({ pluginId: 'bot', responderId: 'bot', priority: 400, isActiveFor: always, handler: (turn) => (turn.claimedBy || turn.owner ? undefined : { claim: true }) })
  const timings: number[] = []
  for (let n = 0; n < messages + 200; n++) {
    const chatId = `9665${String(n % chats).padStart(8, '0')}@c.us`
    const message: MessageEventPayload = {
      sessionId: 'bench', messageId: `alone-${n}`, chatId, from: chatId, to: 'me@c.us', type: 'chat', body: `message ${n}`, timestamp: new Date().toISOString(), fromMe: false,
    }
    const started = performance.now()
    const claim = await chain.handle(message)
    const elapsed = performance.now() - started
    if (claim?.pluginId !== 'bot') throw new Error('the bot did not claim: the chain did not run')
    if (n >= 200) timings.push(elapsed)
  }
  return timings
}
