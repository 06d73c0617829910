import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { api } from '../api/client.ts'
import type { AppNotification, NotificationSeverity, Page } from '../api/types.ts'

/** `notification.created` as the realtime layer sends it (see core/src/notifications/notification-events.ts). */
export interface NotificationCreatedEvent {
  notificationId: string
  userId: string
  type: string
  severity: NotificationSeverity
  title: string
  sessionId: string | null
}

/** How many of the newest notifications the bell (and the dashboard) keep at hand. */
export const recentLimit = 8
/** A burst of events (many sessions failing at once) refreshes the recent list once. */
const refreshDelayMs = 400

/**
 * The signed-in user's unread count and newest notifications. The top bar's bell loads it and keeps
 * it live from `notification.created`; pages read it and change notifications through it, so the
 * badge always agrees with what they show.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const unreadCount = ref(0)
  const total = ref(0)
  const recent = ref<AppNotification[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = shallowRef<Error | null>(null)
  let refreshTimer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> | null = null

  /** Reads the count and the newest notifications; a call while one is under way shares it. */
  function load(): Promise<void> {
    inFlight ??= fetchAll().finally(() => (inFlight = null))
    return inFlight
  }

  async function fetchAll(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const [count, page] = await Promise.all([
        api.get<{ unread: number; total: number }>('notifications/count'),
        api.get<Page<AppNotification>>('notifications', { limit: recentLimit }),
      ])
      unreadCount.value = count.unread
      total.value = count.total
      recent.value = page.items
      loaded.value = true
    } catch (caught) {
      error.value = caught instanceof Error ? caught : new Error(String(caught))
    } finally {
      loading.value = false
    }
  }

  /** Loads unless already loaded (for widgets that show the recent list, such as the dashboard's). */
  function ensureLoaded(): Promise<void> {
    return loaded.value ? Promise.resolve() : load()
  }

  async function refreshRecent(): Promise<void> {
    try {
      recent.value = (await api.get<Page<AppNotification>>('notifications', { limit: recentLimit })).items
    } catch {
      // The event's own fields are already shown; the details come with the next refresh.
    }
  }

  /** A notification arrived live: count it and show it at once, then fetch its full record. */
  function receive(event: NotificationCreatedEvent): void {
    if (recent.value.some((item) => item.id === event.notificationId)) return
    unreadCount.value += 1
    total.value += 1
    const now = new Date().toISOString()
    const item: AppNotification = {
      id: event.notificationId,
      type: event.type,
      severity: event.severity,
      title: event.title,
      body: '',
      sessionId: event.sessionId,
      data: null,
      source: '',
      read: false,
      readAt: null,
      createdAt: now,
    }
    recent.value = [item, ...recent.value].slice(0, recentLimit)
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => void refreshRecent(), refreshDelayMs)
  }

  /** Where the store does not know an item's old state, the count is asked again. */
  async function recount(): Promise<void> {
    const count = await api.get<{ unread: number; total: number }>('notifications/count')
    unreadCount.value = count.unread
    total.value = count.total
  }

  function known(target: string | AppNotification): AppNotification | undefined {
    if (typeof target !== 'string') return target
    return recent.value.find((item) => item.id === target)
  }

  /** Marks one notification read (or unread again); answers the server's record of it. */
  async function markRead(target: string | AppNotification, read = true): Promise<AppNotification> {
    const id = typeof target === 'string' ? target : target.id
    const before = known(target)
    const updated = await api.patch<AppNotification>(`notifications/${encodeURIComponent(id)}`, { read })
    recent.value = recent.value.map((item) => (item.id === id ? updated : item))
    if (!before) await recount()
    else if (before.read !== updated.read) unreadCount.value = Math.max(0, unreadCount.value + (updated.read ? -1 : 1))
    return updated
  }

  /** Marks every unread notification read, or only those of one type; answers how many changed. */
  async function markAllRead(type?: string): Promise<number> {
    const { updated } = await api.post<{ updated: number }>('notifications/read-all', type ? { type } : {})
    const readAt = new Date().toISOString()
    recent.value = recent.value.map((item) => (item.read || (type && item.type !== type) ? item : { ...item, read: true, readAt }))
    if (type) await recount()
    else unreadCount.value = 0
    return updated
  }

  async function remove(target: string | AppNotification): Promise<void> {
    const id = typeof target === 'string' ? target : target.id
    const before = known(target)
    await api.delete(`notifications/${encodeURIComponent(id)}`)
    recent.value = recent.value.filter((item) => item.id !== id)
    if (!before) {
      await recount()
      return
    }
    total.value = Math.max(0, total.value - 1)
    if (!before.read) unreadCount.value = Math.max(0, unreadCount.value - 1)
    if (recent.value.length < recentLimit && total.value > recent.value.length) void refreshRecent()
  }

  return { unreadCount, total, recent, loaded, loading, error, load, ensureLoaded, receive, markRead, markAllRead, remove }
})
