import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppNotification } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import NotificationsPage from './NotificationsPage.vue'

const live = vi.hoisted(() => ({ handlers: new Map<string, (payload: unknown) => void>() }))
vi.mock('../../realtime/use-realtime.ts', () => ({
  useTopic: () => undefined,
  useRealtimeEvent: (event: string, handler: (payload: unknown) => void) => live.handlers.set(event, handler),
}))

function notification(id: string, overrides: Partial<AppNotification> = {}): AppNotification {
  return { id, type: 'session.failed', severity: 'error', title: `Title ${id}`, body: 'Body', sessionId: null, data: null, source: 'core', read: false, readAt: null, createdAt: '2026-01-01T10:00:00.000Z', ...overrides }
}

const count = { path: '/api/notifications/count', body: { unread: 1, total: 2 } }
const rows = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) => wrapper.findAll('[data-testid^=notification-n]').map((row) => row.attributes('data-testid'))

describe('NotificationsPage', { timeout: 20_000 }, () => {
  beforeEach(() => live.handlers.clear())

  it('asks the server for unread notifications only when the unread filter is chosen', async () => {
    const calls = fakeApi([
      count,
      { path: /^\/api\/notifications\?.*read=false/, body: { items: [notification('n2')], nextCursor: null } },
      { path: /^\/api\/notifications\?/, body: { items: [notification('n2'), notification('n1', { read: true })], nextCursor: null } },
    ])
    const { wrapper, router } = await mountPage(NotificationsPage, { path: '/notifications' })
    expect(rows(wrapper)).toEqual(['notification-n2', 'notification-n1'])

    const unread = wrapper.find('[data-testid=notifications-filter]').findAll('[role=radio], button').find((node) => node.text() === 'Unread')
    await unread!.trigger('click')
    await flushPromises()
    const lists = calls.filter((call) => call.url.startsWith('/api/notifications?') && !call.url.includes('limit=8'))
    expect(lists.at(-1)?.url).toContain('read=false')
    expect(router.currentRoute.value.query.show).toBe('unread')
    expect(rows(wrapper)).toEqual(['notification-n2'])
    wrapper.unmount()
  })

  it('marks one read, pages with the cursor and puts a live notification on top', async () => {
    const first = notification('n2')
    const calls = fakeApi([
      count,
      { method: 'PATCH', path: '/api/notifications/n2', body: { ...first, read: true, readAt: '2026-01-01T11:00:00.000Z' } },
      { path: /cursor=c1/, body: { items: [notification('n0', { read: true })], nextCursor: null } },
      { path: /^\/api\/notifications\?/, body: { items: [first], nextCursor: 'c1' } },
    ])
    const { wrapper } = await mountPage(NotificationsPage, { path: '/notifications' })

    await wrapper.find('[data-testid=notification-read-n2]').trigger('click')
    await flushPromises()
    expect(calls.find((call) => call.method === 'PATCH')).toMatchObject({ url: '/api/notifications/n2', body: { read: true } })
    expect(wrapper.find('[data-testid=notification-read-n2]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=notification-unread-n2]').exists()).toBe(true)

    await wrapper.find('[data-testid=notifications-load-more]').trigger('click')
    await flushPromises()
    expect(rows(wrapper)).toEqual(['notification-n2', 'notification-n0'])
    expect(wrapper.find('[data-testid=notifications-load-more]').exists()).toBe(false)

    fakeApi([count, { path: /^\/api\/notifications\?/, body: { items: [notification('n3', { title: 'Fresh one' }), first], nextCursor: 'c1' } }])
    vi.useFakeTimers()
    live.handlers.get('notification.created')?.({ notificationId: 'n3', userId: 'u1', type: 'session.failed', severity: 'error', title: 'Fresh one', sessionId: null })
    await vi.runAllTimersAsync()
    vi.useRealTimers()
    await flushPromises()
    expect(rows(wrapper)).toEqual(['notification-n3', 'notification-n2', 'notification-n0'])
    wrapper.unmount()
  })
})
