import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppNotification } from '../api/types.ts'
import type { NotificationCreatedEvent } from '../stores/notifications-store.ts'
import { fakeApi, flushPromises, mountPage } from '../testing/mount-page.ts'
import NotificationBell from './NotificationBell.vue'

const live = vi.hoisted(() => ({ handlers: new Map<string, (payload: unknown) => void>(), topics: [] as string[] }))
vi.mock('../realtime/use-realtime.ts', () => ({
  useTopic: (topic: string) => live.topics.push(topic),
  useRealtimeEvent: (event: string, handler: (payload: unknown) => void) => live.handlers.set(event, handler),
}))

function notification(id: string, overrides: Partial<AppNotification> = {}): AppNotification {
  return { id, type: 'session.failed', severity: 'error', title: `Session ${id} failed`, body: '', sessionId: null, data: null, source: 'core', read: false, readAt: null, createdAt: new Date().toISOString(), ...overrides }
}

function arrive(event: Partial<NotificationCreatedEvent> & { notificationId: string }): void {
  live.handlers.get('notification.created')?.({ userId: 'u1', type: 'session.failed', severity: 'warning', title: 'Shop went offline', sessionId: 'shop', ...event })
}

const bell = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) => wrapper.find('[data-testid=notification-bell]')
const badge = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) => wrapper.find('[data-testid=notification-count]')

describe('NotificationBell', { timeout: 20_000 }, () => {
  beforeEach(() => {
    live.handlers.clear()
    live.topics.length = 0
  })

  it('shows the unread count, counts a live notification and uncounts one marked read', async () => {
    const first = notification('n1')
    const older = notification('n0', { read: true })
    const server = (items: AppNotification[]) =>
      fakeApi([
        { path: '/api/notifications/count', body: { unread: 2, total: 3 } },
        { path: /^\/api\/notifications\?/, body: { items, nextCursor: null } },
        { method: 'PATCH', path: '/api/notifications/n1', body: { ...first, read: true, readAt: new Date().toISOString() } },
      ])
    server([first, older])
    const { wrapper } = await mountPage(NotificationBell)
    expect(live.topics).toEqual(['notifications'])
    expect(badge(wrapper).text()).toBe('2')
    expect(bell(wrapper).attributes('aria-label')).toBe('2 unread notifications')

    // The server has it by the time the event arrives (the store fetches its full record).
    const calls = server([notification('n9', { title: 'Shop went offline' }), first, older])
    arrive({ notificationId: 'n9' })
    await flushPromises()
    expect(badge(wrapper).text()).toBe('3')
    expect(bell(wrapper).attributes('aria-label')).toBe('3 unread notifications')

    await bell(wrapper).trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid=bell-item-n9]')?.textContent).toContain('Shop went offline')
    ;(document.querySelector('[data-testid=bell-read-n1]') as HTMLElement).click()
    await flushPromises()
    expect(calls.find((call) => call.method === 'PATCH')).toMatchObject({ url: '/api/notifications/n1', body: { read: true } })
    expect(badge(wrapper).text()).toBe('2')
    wrapper.unmount()
  })

  it('hides the badge at zero and names the count with Arabic plural forms', async () => {
    fakeApi([
      { path: '/api/notifications/count', body: { unread: 0, total: 0 } },
      { path: /^\/api\/notifications\?/, body: { items: [], nextCursor: null } },
    ])
    const { wrapper } = await mountPage(NotificationBell, { locale: 'ar' })
    expect(badge(wrapper).exists()).toBe(false)
    expect(bell(wrapper).attributes('aria-label')).toBe('لا توجد إشعارات غير مقروءة')

    const labels: string[] = []
    for (const id of ['a1', 'a2', 'a3']) {
      arrive({ notificationId: id })
      await flushPromises()
      labels.push(bell(wrapper).attributes('aria-label') ?? '')
    }
    expect(labels).toEqual(['إشعار واحد غير مقروء', 'إشعاران غير مقروءين', `${new Intl.NumberFormat('ar').format(3)} إشعارات غير مقروءة`])
    wrapper.unmount()
  })
})
