import type { NotificationSeverity } from '../../api/types.ts'

/** How each severity looks, the same in the bell, the page and the dashboard. */
export const severityIcons: Record<NotificationSeverity, string> = {
  info: 'pi pi-info-circle',
  warning: 'pi pi-exclamation-triangle',
  error: 'pi pi-times-circle',
}

export const severityTags: Record<NotificationSeverity, 'info' | 'warn' | 'danger'> = {
  info: 'info',
  warning: 'warn',
  error: 'danger',
}
