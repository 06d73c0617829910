import { z } from 'zod'
import { ConflictError, requirePrincipal, type PluginContext, type Principal } from '@waqtor/core'
import type { WebhooksConfig } from '../config.ts'
import { webhookTestSent } from '../events.ts'
import { listDeliveries } from '../services/delivery-queries.ts'
import { replayFailed, replayOne } from '../services/delivery-store.ts'
import { deliveriesFor } from '../services/event-recorder.ts'
import { assertVisible } from '../services/subscription-access.ts'
import { findSubscription } from '../services/subscription-store.ts'
import type { WebhooksService } from '../services/webhooks-service.ts'
import { deliveryParams, deliveryStatus, deliveryView, idParams } from './schemas.ts'
import { toDeliveryView } from './views.ts'

const tags = ['webhooks']
const writers = ['admin', 'agent'] as const

export function registerDeliveryRoutes(plugin: PluginContext<WebhooksConfig>, service: WebhooksService): void {
  const { api, db } = plugin
  const visible = async (principal: Principal | undefined, id: string) =>
    assertVisible(requirePrincipal(principal), await findSubscription(db.em, id), id)

  api.route({
    method: 'get', path: '/subscriptions/:id/deliveries', summary: 'Deliveries of a subscription, newest first', tags,
    params: idParams,
    query: z.object({ status: deliveryStatus.optional(), cursor: z.string().max(40).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ items: z.array(deliveryView), nextCursor: z.string().nullable() }),
    async handler(ctx, { params, query }) {
      await visible(ctx.state.principal, params.id)
      const page = await listDeliveries(db.em, params.id, query)
      return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor }
    },
  })

  api.route({
    method: 'post', path: '/subscriptions/:id/deliveries/:deliveryId/replay', summary: 'Send a failed or delivered delivery again', tags, access: writers,
    params: deliveryParams, status: 202, response: z.object({ replayed: z.number().int() }),
    async handler(ctx, { params }) {
      await visible(ctx.state.principal, params.id)
      const replayed = await replayOne(db.em, params.id, params.deliveryId, Date.now())
      if (replayed === 0) throw new ConflictError('WEBHOOKS_DELIVERY_NOT_REPLAYABLE', `delivery ${params.deliveryId} does not exist here or is still queued`)
      await service.changed(params.id)
      return { replayed }
    },
  })

  api.route({
    method: 'post', path: '/subscriptions/:id/deliveries/replay-failed', summary: 'Send every failed delivery of a subscription again', tags, access: writers,
    params: idParams, status: 202, response: z.object({ replayed: z.number().int() }),
    async handler(ctx, { params }) {
      await visible(ctx.state.principal, params.id)
      const replayed = await replayFailed(db.em, params.id, Date.now())
      await service.changed(params.id)
      return { replayed }
    },
  })

  api.route({
    method: 'post', path: '/subscriptions/:id/test', summary: `Queue a ${webhookTestSent.name} delivery to this subscription now`, tags, access: writers,
    params: idParams, status: 202, response: z.object({ deliveryId: z.string(), eventId: z.string() }),
    async handler(ctx, { params }) {
      const subscription = await visible(ctx.state.principal, params.id)
      const [delivery] = deliveriesFor([subscription], webhookTestSent.name, { subscriptionId: subscription.id, message: 'Test delivery from WaQtor' }, new Date())
      await service.enqueue([delivery!])
      return { deliveryId: delivery!.id, eventId: delivery!.eventId }
    },
  })
}
