import { describe, expect, it } from 'vitest'
import { delivery } from '../testing/fixtures.ts'
import type { Delivery } from '../webhooks-api.ts'
import { DeliveryFeed, type FetchDeliveries } from './delivery-feed.ts'

/** A server holding `rows` per subscription, paged newest first by cursor like the plugin's route. */
function server(rows: Record<string, string[]>): { fetch: FetchDeliveries; requests: string[] } {
  const requests: string[] = []
  const fetch: FetchDeliveries = async (subscriptionId, cursor, limit) => {
    requests.push(`${subscriptionId}:${cursor ?? '-'}`)
    const ids = [...(rows[subscriptionId] ?? [])].sort().reverse().filter((id) => cursor === null || id < cursor)
    const page = ids.slice(0, limit)
    return { items: page.map((id): Delivery => delivery({ id })), nextCursor: ids.length > limit ? page.at(-1)! : null }
  }
  return { fetch, requests }
}

describe('DeliveryFeed', () => {
  it('merges several subscriptions newest first, a page at a time, without skipping or repeating', async () => {
    const { fetch } = server({ a: ['d01', 'd04', 'd05', 'd09'], b: ['d02', 'd03', 'd06', 'd07', 'd08'] })
    const feed = new DeliveryFeed(['a', 'b'], fetch, 3)
    const pages: string[][] = []
    while (feed.hasMore) pages.push((await feed.next()).map((item) => `${item.subscriptionId}/${item.id}`))
    expect(pages).toEqual([
      ['a/d09', 'b/d08', 'b/d07'],
      ['b/d06', 'a/d05', 'a/d04'],
      ['b/d03', 'b/d02', 'a/d01'],
    ])
  })

  it('asks the server again only for subscriptions whose fetched rows ran low, with their own cursor', async () => {
    const { fetch, requests } = server({ a: ['d1', 'd2', 'd3', 'd4'], b: ['d0'] })
    const feed = new DeliveryFeed(['a', 'b'], fetch, 2)
    expect((await feed.next()).map((item) => item.id)).toEqual(['d4', 'd3'])
    expect((await feed.next()).map((item) => item.id)).toEqual(['d2', 'd1'])
    expect((await feed.next()).map((item) => item.id)).toEqual(['d0'])
    expect(feed.hasMore).toBe(false)
    expect(requests).toEqual(['a:-', 'b:-', 'a:d3'])
  })

  it('is empty and finished for no subscription', async () => {
    const feed = new DeliveryFeed([], server({}).fetch)
    expect(await feed.next()).toEqual([])
    expect(feed.hasMore).toBe(false)
  })
})
