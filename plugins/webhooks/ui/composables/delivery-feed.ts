import type { Page } from '@waqtor/admin-kit'
import type { Delivery } from '../webhooks-api.ts'

/** A delivery and the subscription it belongs to (the API lists deliveries per subscription). */
export interface FeedDelivery extends Delivery {
  subscriptionId: string
}

export type FetchDeliveries = (subscriptionId: string, cursor: string | null, limit: number) => Promise<Page<Delivery>>

interface Source {
  subscriptionId: string
  /** Fetched, not yet handed out, newest first. */
  buffer: FeedDelivery[]
  cursor: string | null
  exhausted: boolean
}

/** How many subscriptions are asked at once when a page needs several. */
const parallelRequests = 6

/**
 * Deliveries of several subscriptions as one list, newest first, a page at a time. The server
 * pages each subscription by cursor; delivery ids are time-ordered, so merging the per-subscription
 * pages by id gives the global order. Each subscription keeps its own cursor, and rows fetched but
 * not yet shown wait for the next page, so nothing is skipped or shown twice.
 */
export class DeliveryFeed {
  private readonly sources: Source[]

  constructor(
    subscriptionIds: readonly string[],
    private readonly fetchPage: FetchDeliveries,
    private readonly pageSize = 50,
  ) {
    this.sources = subscriptionIds.map((subscriptionId) => ({ subscriptionId, buffer: [], cursor: null, exhausted: false }))
  }

  get hasMore(): boolean {
    return this.sources.some((source) => source.buffer.length > 0 || !source.exhausted)
  }

  /** The next page of the merged list; empty once everything was handed out. */
  async next(): Promise<FeedDelivery[]> {
    const hungry = this.sources.filter((source) => !source.exhausted && source.buffer.length < this.pageSize)
    for (let start = 0; start < hungry.length; start += parallelRequests) {
      await Promise.all(hungry.slice(start, start + parallelRequests).map((source) => this.fill(source)))
    }
    const page: FeedDelivery[] = []
    while (page.length < this.pageSize) {
      const newest = this.sources.reduce<Source | null>((best, source) => {
        const head = source.buffer[0]
        if (!head) return best
        return !best || head.id > best.buffer[0]!.id ? source : best
      }, null)
      // A source that still has rows on the server but nothing buffered could hold newer rows than
      // what the others offer: stop here rather than hand out rows out of order.
      if (!newest || this.sources.some((source) => source.buffer.length === 0 && !source.exhausted)) break
      page.push(newest.buffer.shift()!)
    }
    return page
  }

  private async fill(source: Source): Promise<void> {
    const answer = await this.fetchPage(source.subscriptionId, source.cursor, this.pageSize)
    source.buffer.push(...answer.items.map((item) => ({ ...item, subscriptionId: source.subscriptionId })))
    source.cursor = answer.nextCursor
    source.exhausted = answer.nextCursor === null
  }
}
