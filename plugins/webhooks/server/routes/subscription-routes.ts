import { z } from 'zod'
import { requirePrincipal, type PluginContext } from '@waqtor/core'
import type { WebhooksConfig } from '../config.ts'
import { deleteOfSubscription } from '../services/delivery-store.ts'
import { assertDeliverableUrl, assertKnownEvents, assertVisible, canSee, resolveSessions } from '../services/subscription-access.ts'
import {
  createSubscription, deleteSubscription, findSubscription, listSubscriptions, rotateSecret, updateSubscription,
} from '../services/subscription-store.ts'
import type { WebhooksService } from '../services/webhooks-service.ts'
import { createBody, idParams, patchBody, rotateBody, subscriptionView, subscriptionWithSecret } from './schemas.ts'
import { toSubscriptionView } from './views.ts'

const tags = ['webhooks']
const writers = ['admin', 'agent'] as const

export function registerSubscriptionRoutes(plugin: PluginContext<WebhooksConfig>, service: WebhooksService): void {
  const { api, db } = plugin

  api.route({
    method: 'post', path: '/subscriptions', summary: 'Subscribe a URL to events (the secret is shown only now)', tags, access: writers,
    body: createBody, status: 201, response: subscriptionWithSecret,
    async handler(ctx, { body }) {
      const principal = requirePrincipal(ctx.state.principal)
      const url = await assertDeliverableUrl(plugin, body.url)
      const events = assertKnownEvents(plugin, body.events)
      const sessions = resolveSessions(principal, body.sessions)
      const created = await createSubscription(db.em, {
        url, events, sessions, headers: body.headers ?? {}, active: body.active ?? true, maxConcurrency: body.maxConcurrency ?? plugin.config.defaultMaxConcurrency,
      }, `${principal.kind}:${principal.id}`)
      await service.changed(created.id)
      return { ...toSubscriptionView(created, Date.now()), secret: created.secret }
    },
  })

  api.route({
    method: 'get', path: '/subscriptions', summary: 'Subscriptions the caller may see (never their secrets)', tags,
    response: z.object({ items: z.array(subscriptionView) }),
    async handler(ctx) {
      const principal = requirePrincipal(ctx.state.principal)
      const now = Date.now()
      return { items: (await listSubscriptions(db.em)).filter((item) => canSee(principal, item)).map((item) => toSubscriptionView(item, now)) }
    },
  })

  api.route({
    method: 'get', path: '/subscriptions/:id', summary: 'One subscription', tags, params: idParams, response: subscriptionView,
    async handler(ctx, { params }) {
      const subscription = assertVisible(requirePrincipal(ctx.state.principal), await findSubscription(db.em, params.id), params.id)
      return toSubscriptionView(subscription, Date.now())
    },
  })

  api.route({
    method: 'patch', path: '/subscriptions/:id', summary: 'Change a subscription', tags, access: writers,
    params: idParams, body: patchBody, response: subscriptionView,
    async handler(ctx, { params, body }) {
      const principal = requirePrincipal(ctx.state.principal)
      const current = assertVisible(principal, await findSubscription(db.em, params.id), params.id)
      const updated = await updateSubscription(db.em, current.id, {
        url: body.url === undefined ? current.url : await assertDeliverableUrl(plugin, body.url),
        events: body.events === undefined ? current.events : assertKnownEvents(plugin, body.events),
        sessions: body.sessions === undefined ? current.sessions : resolveSessions(principal, body.sessions),
        headers: body.headers ?? current.headers,
        active: body.active ?? current.active,
        maxConcurrency: body.maxConcurrency ?? current.maxConcurrency,
      })
      await service.changed(updated.id)
      return toSubscriptionView(updated, Date.now())
    },
  })

  api.route({
    method: 'delete', path: '/subscriptions/:id', summary: 'Delete a subscription and its deliveries', tags, access: writers, params: idParams, status: 204,
    async handler(ctx, { params }) {
      const current = assertVisible(requirePrincipal(ctx.state.principal), await findSubscription(db.em, params.id), params.id)
      await deleteSubscription(db.em, current.id)
      await deleteOfSubscription(db.em, current.id)
      await service.changed(current.id)
    },
  })

  api.route({
    method: 'post', path: '/subscriptions/:id/rotate-secret',
    summary: 'New signing secret (shown only now); the old one also signs during the overlap', tags, access: writers,
    params: idParams, body: rotateBody, response: subscriptionWithSecret,
    async handler(ctx, { params, body }) {
      const current = assertVisible(requirePrincipal(ctx.state.principal), await findSubscription(db.em, params.id), params.id)
      const rotated = await rotateSecret(db.em, current.id, body.overlapSeconds)
      await service.changed(rotated.id)
      return { ...toSubscriptionView(rotated, Date.now()), secret: rotated.secret }
    },
  })
}
