import type { EntityManager } from '@mikro-orm/core'
import type { PluginContext, PrivacySubject } from '@waqtor/core'
import type { WebhooksConfig } from './config.ts'

interface DeliveryRow {
  id: string
  subscription_id: string
  event: string
  status: string
  attempts: number | string
  payload: string
  response_status: number | null
  created_at: number | string
}

/**
 * Deliveries carry events as sent: message bodies, phone numbers, contact names. A contact's
 * deliveries are those of its session whose chat is the contact's, or whose body names the contact
 * (its chat id or its bare number, as in group messages and contact events). A user's data here is
 * only who created a subscription; the subscription belongs to the agency, so erase anonymizes it.
 */
export function registerWebhookPrivacy(plugin: PluginContext<WebhooksConfig>): void {
  plugin.privacy.register({
    async export(subject) {
      const em = plugin.db.fork()
      if (subject.kind === 'user') {
        const rows: Array<Record<string, unknown>> = await em.getConnection().execute(
          'select id, url, events, sessions, created_at from webhooks_subscriptions where created_by = ? order by created_at', [`user:${subject.userId}`],
        )
        return { subscriptionsCreated: rows.map((row) => ({ id: row.id, url: row.url, events: JSON.parse(String(row.events)) as unknown, sessions: row.sessions === null ? null : (JSON.parse(String(row.sessions)) as unknown), createdAt: new Date(Number(row.created_at)).toISOString() })) }
      }
      const rows: DeliveryRow[] = await em.getConnection().execute(`select * from webhooks_deliveries where ${contactFilter} order by id`, contactParams(subject))
      return {
        deliveries: rows.map((row) => ({
          id: row.id, subscriptionId: row.subscription_id, event: row.event, status: row.status, attempts: Number(row.attempts),
          createdAt: new Date(Number(row.created_at)).toISOString(), responseStatus: row.response_status, body: JSON.parse(row.payload) as unknown,
        })),
      }
    },
    async erase(subject) {
      const em: EntityManager = plugin.db.fork()
      if (subject.kind === 'user') {
        const result: { affectedRows?: number } = await em.getConnection().execute(
          'update webhooks_subscriptions set created_by = ? where created_by = ?', ['user:erased', `user:${subject.userId}`], 'run',
        )
        return { anonymized: { subscriptions: result.affectedRows ?? 0 } }
      }
      const result: { affectedRows?: number } = await em.getConnection().execute(`delete from webhooks_deliveries where ${contactFilter}`, contactParams(subject), 'run')
      return { deleted: { deliveries: result.affectedRows ?? 0 } }
    },
  })
}

const contactFilter = "session_id = ? and (chat_id = ? or payload like ? escape '!' or payload like ? escape '!')"

function contactParams(subject: Extract<PrivacySubject, { kind: 'contact' }>): string[] {
  // Digits only (checked by the kernel), so nothing in them needs escaping for LIKE.
  return [subject.sessionId, subject.chatId, `%"${subject.chatId}"%`, `%"${subject.phone}"%`]
}
