import { InputError, NotFoundError, OutboundError, assertSessionAccess, coreEvents, type PluginContext, type Principal } from '@waqtor/core'
import type { WebhooksConfig } from '../config.ts'
import type { SubscriptionRecord } from './subscription-record.ts'

/** A caller sees a subscription only if it may see every session it covers; "every session" needs every grant. */
export function canSee(principal: Principal, subscription: SubscriptionRecord): boolean {
  if (principal.sessions === null) return true
  const granted = principal.sessions
  return subscription.sessions !== null && subscription.sessions.every((sessionId) => granted.has(sessionId))
}

export function assertVisible(principal: Principal, subscription: SubscriptionRecord | undefined, id: string): SubscriptionRecord {
  if (!subscription || !canSee(principal, subscription)) throw new NotFoundError('WEBHOOKS_SUBSCRIPTION_NOT_FOUND', `subscription ${id}`)
  return subscription
}

/** The sessions a new subscription covers: the list given (each granted), or all the caller may see. */
export function resolveSessions(principal: Principal, sessions: readonly string[] | undefined): string[] | null {
  if (sessions) {
    for (const sessionId of sessions) assertSessionAccess(principal, sessionId)
    return [...new Set(sessions)]
  }
  if (principal.sessions === null) return null
  if (principal.sessions.size === 0) throw InputError.fields([{ field: 'body.sessions', message: 'you are granted no session to subscribe to' }])
  return [...principal.sessions].sort()
}

/** Core events and the public events of started plugins. */
export function knownEvents(plugin: PluginContext<WebhooksConfig>): Set<string> {
  return new Set([...coreEvents.map((event) => event.name), ...plugin.plugins.publicEvents().map((event) => event.name)])
}

export function assertKnownEvents(plugin: PluginContext<WebhooksConfig>, events: readonly string[]): string[] {
  const known = knownEvents(plugin)
  const issues = events.flatMap((name, index) =>
    name === '*' || known.has(name) ? [] : [{ field: `body.events.${index}`, message: `unknown event "${name}" (GET /api/plugins/webhooks/events lists them)` }],
  )
  if (issues.length > 0) throw InputError.fields(issues)
  return [...new Set(events)]
}

/** http(s) only, and not a private, loopback or link-local target unless the operator allows them. */
export async function assertDeliverableUrl(plugin: PluginContext<WebhooksConfig>, url: string): Promise<string> {
  try {
    return (await plugin.outbound.check(url)).href
  } catch (error) {
    if (error instanceof OutboundError && error.code !== 'OUTBOUND_DNS_FAILED') {
      throw InputError.fields([{ field: 'body.url', message: error.message }])
    }
    // A name that does not resolve yet may later; every delivery is checked again after DNS.
    if (error instanceof OutboundError) return new URL(url).href
    throw error
  }
}
