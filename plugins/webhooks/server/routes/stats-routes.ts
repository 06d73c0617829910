import { z } from 'zod'
import { coreEvents, requirePrincipal, type PluginContext } from '@waqtor/core'
import type { WebhooksConfig } from '../config.ts'
import { deliveryStats } from '../services/delivery-stats.ts'
import { canSee } from '../services/subscription-access.ts'
import { listSubscriptions } from '../services/subscription-store.ts'

const tags = ['webhooks']

const statsView = z.object({
  subscriptionId: z.string(),
  sample: z.number().int(),
  successRate: z.number().nullable(),
  failures: z.number().int(),
  p50LatencyMs: z.number().nullable(),
  p95LatencyMs: z.number().nullable(),
  queueDepth: z.number().int(),
})

export function registerStatsRoutes(plugin: PluginContext<WebhooksConfig>): void {
  const { api, db } = plugin

  api.route({
    method: 'get', path: '/stats',
    summary: 'Per subscription: success rate, p50/p95 attempt latency over the last 1000 finished deliveries, failures, queue depth',
    tags,
    response: z.object({ items: z.array(statsView), queueDepth: z.number().int() }),
    async handler(ctx) {
      const principal = requirePrincipal(ctx.state.principal)
      const visible = (await listSubscriptions(db.em)).filter((subscription) => canSee(principal, subscription))
      return deliveryStats(db.em, visible)
    },
  })

  api.route({
    method: 'get', path: '/events', summary: 'Events a subscription may name: core events and public plugin events', tags,
    response: z.object({ items: z.array(z.object({ name: z.string(), owner: z.string(), description: z.string().nullable() })) }),
    handler: () => ({
      items: [
        ...coreEvents.map((event) => ({ name: event.name, owner: 'core', description: null })),
        ...plugin.plugins.publicEvents().map((event) => ({ name: event.name, owner: event.pluginId, description: event.description })),
      ],
    }),
  })
}
