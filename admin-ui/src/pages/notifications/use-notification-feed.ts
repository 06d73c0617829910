import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { api } from '../../api/client.ts'
import type { AppNotification, Page } from '../../api/types.ts'
import type { NotificationCreatedEvent } from '../../stores/notifications-store.ts'

export type ReadFilter = 'all' | 'unread' | 'read'

export interface FeedFilter {
  read: ReadFilter
  /** One notification type (`session.failed`), or every type. */
  type: string | null
}

const pageSize = 20
/** Events in a burst are fetched together. */
const liveDelayMs = 300

/**
 * The notifications page's list: the first page for a filter, more pages by cursor, and the
 * newest ones fetched again when `notification.created` says one arrived.
 */
export function useNotificationFeed(filter: Ref<FeedFilter>) {
  const items = ref<AppNotification[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = shallowRef<Error | null>(null)
  const moreError = shallowRef<Error | null>(null)
  /** Ids that arrived live since the page opened, to point them out. */
  const fresh = ref(new Set<string>())
  const seenTypes = ref(new Set<string>())
  let generation = 0
  let liveTimer: ReturnType<typeof setTimeout> | undefined

  const types = computed(() => {
    const all = new Set(seenTypes.value)
    if (filter.value.type) all.add(filter.value.type)
    return [...all].sort()
  })

  function query(cursor?: string) {
    const { read, type } = filter.value
    return { limit: pageSize, read: read === 'all' ? undefined : String(read === 'read'), type: type ?? undefined, cursor }
  }

  function remember(list: AppNotification[]): void {
    const before = seenTypes.value.size
    const next = new Set(seenTypes.value)
    for (const item of list) next.add(item.type)
    if (next.size !== before) seenTypes.value = next
  }

  async function reload(): Promise<void> {
    const current = ++generation
    loading.value = true
    error.value = null
    moreError.value = null
    try {
      const page = await api.get<Page<AppNotification>>('notifications', query())
      if (current !== generation) return
      items.value = page.items
      nextCursor.value = page.nextCursor
      remember(page.items)
    } catch (caught) {
      if (current === generation) error.value = caught instanceof Error ? caught : new Error(String(caught))
    } finally {
      if (current === generation) loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return
    const current = generation
    loadingMore.value = true
    moreError.value = null
    try {
      const page = await api.get<Page<AppNotification>>('notifications', query(nextCursor.value))
      if (current !== generation) return
      const present = new Set(items.value.map((item) => item.id))
      items.value = [...items.value, ...page.items.filter((item) => !present.has(item.id))]
      nextCursor.value = page.nextCursor
      remember(page.items)
    } catch (caught) {
      if (current === generation) moreError.value = caught instanceof Error ? caught : new Error(String(caught))
    } finally {
      loadingMore.value = false
    }
  }

  /** Puts the notifications newer than the list's first at its top. */
  async function fetchNewest(): Promise<void> {
    const current = generation
    try {
      const page = await api.get<Page<AppNotification>>('notifications', query())
      if (current !== generation) return
      const present = new Set(items.value.map((item) => item.id))
      const firstKnown = page.items.findIndex((item) => present.has(item.id))
      remember(page.items)
      if (firstKnown === -1 && items.value.length > 0) {
        // More arrived than a page holds: start over from the newest page.
        items.value = page.items
        nextCursor.value = page.nextCursor
      } else {
        const added = firstKnown === -1 ? page.items : page.items.slice(0, firstKnown)
        if (added.length === 0) return
        items.value = [...added, ...items.value]
        if (firstKnown === -1) nextCursor.value = page.nextCursor
      }
      fresh.value = new Set([...fresh.value, ...page.items.filter((item) => !present.has(item.id)).map((item) => item.id)])
    } catch {
      // The bell still counts it; the next reload or event shows it here.
    }
  }

  /** A live `notification.created`: fetch it if the current filter would show it. */
  function onCreated(event: NotificationCreatedEvent): void {
    const { read, type } = filter.value
    if (read === 'read' || (type && type !== event.type)) return
    clearTimeout(liveTimer)
    liveTimer = setTimeout(() => void fetchNewest(), liveDelayMs)
  }

  function replace(updated: AppNotification): void {
    items.value = items.value.map((item) => (item.id === updated.id ? updated : item))
  }

  function markAllReadLocally(type: string | null): void {
    const readAt = new Date().toISOString()
    items.value = items.value.map((item) => (item.read || (type && item.type !== type) ? item : { ...item, read: true, readAt }))
  }

  function drop(id: string): void {
    items.value = items.value.filter((item) => item.id !== id)
  }

  watch(filter, () => void reload(), { deep: true, immediate: true })

  return { items, nextCursor, loading, loadingMore, error, moreError, fresh, types, reload, loadMore, onCreated, replace, markAllReadLocally, drop }
}
