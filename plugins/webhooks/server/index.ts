import { definePlugin } from '@waqtor/core'
import type { WebhooksConfig } from './config.ts'
import { DeliverySchema } from './entities/delivery.ts'
import { SubscriptionSchema } from './entities/subscription.ts'
import { createWebhookTables } from './migrations/001-create-tables.ts'
import { registerWebhookPrivacy } from './privacy.ts'
import { registerDeliveryRoutes } from './routes/delivery-routes.ts'
import { registerStatsRoutes } from './routes/stats-routes.ts'
import { registerSubscriptionRoutes } from './routes/subscription-routes.ts'
import { WebhooksService } from './services/webhooks-service.ts'

const services = new WeakMap<object, WebhooksService>()

export default definePlugin<WebhooksConfig>({
  entities: [SubscriptionSchema, DeliverySchema],
  migrations: [createWebhookTables],
  // Deliveries carry the event's payload (message texts, numbers): they go with their session.
  // Subscriptions are kept: one naming a deleted session simply stops matching it.
  sessionData: [{ table: 'webhooks_deliveries', column: 'session_id', onSessionDeleted: 'delete' }],
  register(plugin) {
    const service = new WebhooksService(plugin)
    services.set(plugin, service)
    service.listen()
    registerSubscriptionRoutes(plugin, service)
    registerDeliveryRoutes(plugin, service)
    registerStatsRoutes(plugin)
    registerWebhookPrivacy(plugin)
  },
  async start(plugin) {
    await services.get(plugin)?.start()
  },
})
