import { ref, shallowRef } from 'vue'
import { webhooksApi, type DeliveryStatus } from '../webhooks-api.ts'
import { DeliveryFeed, type FeedDelivery } from './delivery-feed.ts'

export interface DeliveryListQuery {
  subscriptionIds: readonly string[]
  status: DeliveryStatus | null
}

/**
 * The deliveries shown by the deliveries page: one subscription's or several merged, newest first,
 * with "load more" through the server's cursors. A new query supersedes the one in flight.
 */
export function useDeliveryList(pageSize = 50) {
  const items = shallowRef<FeedDelivery[]>([])
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = shallowRef<Error | null>(null)
  const hasMore = ref(false)
  let feed: DeliveryFeed | null = null
  let lastQuery: DeliveryListQuery = { subscriptionIds: [], status: null }

  function newFeed(query: DeliveryListQuery): DeliveryFeed {
    const status = query.status ?? undefined
    return new DeliveryFeed(query.subscriptionIds, (subscriptionId, cursor, limit) => webhooksApi.deliveries(subscriptionId, { status, cursor, limit }), pageSize)
  }

  async function pull(current: DeliveryFeed, append: boolean): Promise<void> {
    error.value = null
    try {
      const page = await current.next()
      if (feed !== current) return
      items.value = append ? [...items.value, ...page] : page
      hasMore.value = current.hasMore
    } catch (caught) {
      if (feed === current) error.value = caught instanceof Error ? caught : new Error(String(caught))
    }
  }

  /** Starts again from the newest deliveries of `query` (or of the last query). */
  async function load(query: DeliveryListQuery = lastQuery): Promise<void> {
    lastQuery = query
    const current = newFeed(query)
    feed = current
    loading.value = true
    try {
      await pull(current, false)
    } finally {
      if (feed === current) loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    const current = feed
    if (!current || loadingMore.value || !hasMore.value) return
    loadingMore.value = true
    try {
      await pull(current, true)
    } finally {
      loadingMore.value = false
    }
  }

  /** Shows a change made here (a replay) without reloading the list. */
  function replace(delivery: FeedDelivery): void {
    items.value = items.value.map((item) => (item.id === delivery.id ? delivery : item))
  }

  return { items, loading, loadingMore, error, hasMore, load, loadMore, replace }
}
