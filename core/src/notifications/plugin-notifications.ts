import { z } from 'zod'
import { toFieldIssues } from '../http/zod-issues.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginManifest, PluginPermission } from '../plugins/plugin-manifest.ts'
import type { Notification, NotificationSeverity } from './notification-entity.ts'
import { notificationContentSchema } from './notification-input.ts'
import type { NotificationService } from './notification-service.ts'

export const notificationsPermission: PluginPermission = 'notifications:write'

export interface PluginNotifyInput {
  /** Dotted lowercase, e.g. `campaign.finished`. */
  type: string
  /** 1-200 characters. */
  title: string
  /** At most 2000 characters. */
  body?: string
  severity?: NotificationSeverity
  /** The session it is about; without `userIds` its watchers (admins and users granted it) receive it. */
  sessionId?: string | null
  data?: Record<string, unknown> | null
  /** Exactly these users (those who may see `sessionId`, when given); otherwise the session's watchers or the admins. */
  userIds?: string[]
}

export interface PluginNotifyResult {
  notificationIds: string[]
  /** Who received it. */
  userIds: string[]
}

/** `plugin.notifications`: raise notifications to users; needs `notifications:write` in plugin.json. */
export interface PluginNotifications {
  notify(input: PluginNotifyInput): Promise<PluginNotifyResult>
}

const pluginNotifySchema = notificationContentSchema.extend({
  userIds: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
})

export function createPluginNotifications(pluginId: string, manifest: PluginManifest, service: NotificationService): PluginNotifications {
  return {
    async notify(input) {
      if (!manifest.permissions?.includes(notificationsPermission)) {
        throw new PluginError(
          'PLUGIN_PERMISSION_MISSING',
          pluginId,
          `cannot send notifications without the "${notificationsPermission}" permission: add it to "permissions" in its plugin.json`,
          { permission: notificationsPermission },
        )
      }
      const parsed = pluginNotifySchema.safeParse(input, { reportInput: true })
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error.issues, 'input')
        const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')
        throw new PluginError('NOTIFICATION_INVALID', pluginId, `notifications.notify() got invalid input: ${summary}`, issues.map((issue) => ({ ...issue })))
      }
      const { userIds, ...content } = parsed.data
      const message = { ...content, source: pluginId }
      const created = userIds
        ? await service.notifyUsers(userIds, message)
        : content.sessionId !== null
          ? await service.notifySession(content.sessionId, message)
          : await service.notifyAdmins(message)
      return toResult(created)
    },
  }
}

function toResult(created: Notification[]): PluginNotifyResult {
  return { notificationIds: created.map((notification) => notification.id), userIds: created.map((notification) => notification.userId) }
}
