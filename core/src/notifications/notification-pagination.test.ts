import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { Notification } from './notification-entity.ts'
import type { NotificationView } from './notification-view.ts'

interface Page {
  items: NotificationView[]
  nextCursor: string | null
}

describe('paging through /api/notifications', () => {
  let harness: TestKernel

  /** Follows nextCursor until the last page; returns every page. */
  const pages = async (token: string, query: string): Promise<Page[]> => {
    const result: Page[] = []
    let cursor: string | null = null
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : ''
      const response = await harness.request<Page>('GET', `/api/notifications?${query}${suffix}`, { token })
      expect(response.status).toBe(200)
      result.push(response.body)
      cursor = response.body.nextCursor
      expect(result.length).toBeLessThan(20)
    } while (cursor)
    return result
  }

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterAll(async () => {
    await harness.close()
  })

  it('pages 45 notifications by 20 without duplicates or misses, newest first', async () => {
    const user = await harness.createUser('agent')
    const created: string[] = []
    for (let index = 0; index < 45; index++) {
      const [notification] = await harness.kernel.notifications.notifyUsers([user.id], { type: 'campaign.progress', title: `step ${index}` })
      created.push(notification!.id)
    }

    const result = await pages(user.token, 'limit=20')
    expect(result.map((page) => page.items.length)).toEqual([20, 20, 5])
    expect(result.at(-1)?.nextCursor).toBeNull()
    const seen = result.flatMap((page) => page.items)
    expect(new Set(seen.map((item) => item.id)).size).toBe(45)
    expect(seen.map((item) => item.id).sort()).toEqual([...created].sort())
    const times = seen.map((item) => Date.parse(item.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('pages exactly across notifications created in the same millisecond, with a filter', async () => {
    const user = await harness.createUser('viewer')
    // 45 rows in 7 groups sharing a timestamp, so page boundaries fall inside groups.
    const em = harness.kernel.orm.em.fork()
    const base = Date.parse('2026-11-25T10:00:00.000Z')
    for (let index = 0; index < 45; index++) {
      em.create(Notification, {
        id: crypto.randomUUID(),
        userId: user.id,
        type: 'lead.assigned',
        severity: 'info',
        title: `lead ${index}`,
        body: '',
        sessionId: null,
        data: null,
        source: 'core',
        readAt: index % 3 === 0 ? new Date(base) : null,
        createdAt: new Date(base + Math.floor(index / 7)),
      })
    }
    await em.flush()

    const everything = (await harness.request<Page>('GET', '/api/notifications?limit=100', { token: user.token })).body.items
    expect(everything).toHaveLength(45)
    const paged = (await pages(user.token, 'limit=20')).flatMap((page) => page.items)
    expect(paged.map((item) => item.id)).toEqual(everything.map((item) => item.id))

    const unread = (await harness.request<Page>('GET', '/api/notifications?read=false&limit=100', { token: user.token })).body.items
    expect(unread).toHaveLength(30)
    const unreadPages = await pages(user.token, 'read=false&limit=4')
    expect(unreadPages).toHaveLength(8)
    expect(unreadPages.flatMap((page) => page.items).map((item) => item.id)).toEqual(unread.map((item) => item.id))
  })

  it('ends with nextCursor null when the last page is exactly full', async () => {
    const user = await harness.createUser('viewer')
    for (let index = 0; index < 3; index++) await harness.kernel.notifications.notifyUsers([user.id], { type: 'lead.assigned', title: `${index}` })
    const result = await pages(user.token, 'limit=3')
    expect(result.map((page) => page.items.length)).toEqual([3])
    expect(result[0]?.nextCursor).toBeNull()
  })
})
