import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { AppNotification, Session, SessionStatus } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage, type FakeRoute } from '../../testing/mount-page.ts'
import { emitEvent, resetRealtime } from '../../testing/realtime-test-double.ts'
import DashboardPage from './DashboardPage.vue'
import type { HourBucket } from './stats-types.ts'

vi.mock('../../realtime/use-realtime.ts', async () => await import('../../testing/realtime-test-double.ts'))
// The chart itself is chart.js on a canvas; here it shows what it was given.
vi.mock('./HourlyMessagesChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: { buckets: { type: Array, required: true }, summary: { type: String, required: true } },
    setup: (props) => () => h('div', { 'data-testid': 'hourly-chart', 'aria-label': props.summary }, String(props.buckets.length)),
  }),
}))

function session(clientId: string, status: SessionStatus): Session {
  return {
    clientId, name: clientId, driver: 'sandbox', status, desiredState: 'running', phone: null, lastError: null,
    createdAt: '2026-11-20T08:00:00.000Z', startedAt: null, readyAt: null, uptimeSeconds: null, reconnects: 0, nextRetryAt: null, qrPending: false, governor: null,
  }
}

function buckets(values: Array<Partial<HourBucket>>): HourBucket[] {
  return Array.from({ length: 24 }, (_, index) => ({ hour: new Date(Date.UTC(2026, 10, 25, index)).toISOString(), sent: 0, received: 0, failed: 0, ...values[index] }))
}

function notification(id: string, title: string, read = false): AppNotification {
  return { id, type: 'session.disconnected', severity: 'warning', title, body: 'It will reconnect', sessionId: 'shop', data: null, source: 'core', read, readAt: null, createdAt: '2026-11-25T09:00:00.000Z' }
}

const sessions = [session('shop', 'ready'), session('support', 'ready'), session('sales', 'qr'), session('old', 'failed')]

function api(overrides: FakeRoute[] = []) {
  return fakeApi([
    ...overrides,
    { path: '/api/sessions/list', body: { items: sessions } },
    { path: '/api/stats/messages?hours=24', body: { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z', buckets: buckets([{ sent: 3, received: 5 }, { sent: 2, received: 1, failed: 1 }]) } },
    { path: '/api/notifications/count', body: { unread: 1, total: 2 } },
    { path: '/api/notifications?limit=8', body: { items: [notification('n1', 'Shop disconnected'), notification('n2', 'Sales needs a QR scan', true)], nextCursor: null } },
  ])
}

const card = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], name: string) => wrapper.get(`[data-testid=dashboard-${name}]`)

afterEach(() => {
  resetRealtime()
  vi.useRealTimers()
})

describe('DashboardPage', () => {
  it('counts the sessions by status, each linking to the sessions page', async () => {
    api()
    const { wrapper } = await mountPage(DashboardPage)
    const sessionsCard = card(wrapper, 'sessions')
    const count = (status: string) => sessionsCard.get(`[data-testid=sessions-status-${status}] [data-testid=status-count]`).text()
    expect([count('ready'), count('qr'), count('failed'), count('stopped')]).toEqual(['2', '1', '1', '0'])
    expect(sessionsCard.get('[data-testid=sessions-total]').text()).toBe('Total: 4')
    expect(sessionsCard.get('[data-testid=sessions-status-ready]').attributes('href')).toBe('/sessions?status=ready')
  })

  it('follows status changes live', async () => {
    api()
    const { wrapper } = await mountPage(DashboardPage)
    emitEvent('session.status', { sessionId: 'sales', status: 'ready', previous: 'qr', error: null })
    await flushPromises()
    expect(card(wrapper, 'sessions').get('[data-testid=sessions-status-ready] [data-testid=status-count]').text()).toBe('3')
    expect(card(wrapper, 'sessions').get('[data-testid=sessions-status-qr] [data-testid=status-count]').text()).toBe('0')
  })

  it('sums the last 24 hours and hands the chart every hour', async () => {
    api()
    const { wrapper } = await mountPage(DashboardPage)
    const chart = card(wrapper, 'chart')
    expect(chart.get('[data-testid=chart-total-sent]').text()).toBe('5')
    expect(chart.get('[data-testid=chart-total-received]').text()).toBe('6')
    expect(chart.get('[data-testid=chart-total-failed]').text()).toBe('1')
    expect(chart.get('[data-testid=hourly-chart]').text()).toBe('24')
    expect(chart.get('[data-testid=hourly-chart]').attributes('aria-label')).toBe('Messages per hour over the last 24 hours: 5 sent, 6 received, 1 failed.')
  })

  it('lists the recent notifications, a new one at the top as soon as it is created', async () => {
    api()
    const { wrapper } = await mountPage(DashboardPage)
    const titles = () => card(wrapper, 'notifications').findAll('[data-testid^=notification-n]').map((item) => item.find('strong').text())
    expect(titles()).toEqual(['Shop disconnected', 'Sales needs a QR scan'])
    expect(card(wrapper, 'notifications').find('a[href="/notifications"]').exists()).toBe(true)

    emitEvent('notification.created', { notificationId: 'n3', userId: 'u1', type: 'plugin.failed', severity: 'error', title: 'Webhooks plugin failed', sessionId: null })
    await flushPromises()
    expect(titles()).toEqual(['Webhooks plugin failed', 'Shop disconnected', 'Sales needs a QR scan'])
  })

  it('shows at most five notifications', async () => {
    api([{ path: '/api/notifications?limit=8', body: { items: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => notification(`n${id}`, `Note ${id}`)), nextCursor: null } }])
    const { wrapper } = await mountPage(DashboardPage)
    expect(card(wrapper, 'notifications').findAll('[data-testid^=notification-n]')).toHaveLength(5)
  })

  it('shows each card’s error on its own, with a retry', async () => {
    const calls = api([
      { path: '/api/stats/messages?hours=24', status: 500, body: { error: { code: 'INTERNAL', message: 'Statistics are unavailable' } } },
      { path: '/api/notifications?limit=8', status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Notifications are unavailable' } } },
    ])
    const { wrapper } = await mountPage(DashboardPage)
    expect(card(wrapper, 'chart').get('[data-testid=state-error]').text()).toContain('Statistics are unavailable')
    expect(card(wrapper, 'notifications').get('[data-testid=state-error]').text()).toContain('Notifications are unavailable')
    expect(card(wrapper, 'sessions').find('[data-testid=state-error]').exists()).toBe(false)
    expect(card(wrapper, 'sessions').get('[data-testid=sessions-total]').text()).toBe('Total: 4')

    await card(wrapper, 'chart').get('[data-testid=state-error] button').trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.url === '/api/stats/messages?hours=24')).toHaveLength(2)
  })

  it('shows the sessions card’s error when the sessions cannot be read', async () => {
    api([{ path: '/api/sessions/list', status: 500, body: { error: { code: 'INTERNAL', message: 'Sessions are unavailable' } } }])
    const { wrapper } = await mountPage(DashboardPage)
    expect(card(wrapper, 'sessions').get('[data-testid=state-error]').text()).toContain('Sessions are unavailable')
    expect(card(wrapper, 'chart').get('[data-testid=chart-total-sent]').text()).toBe('5')
  })

  it('reads the figures again after message traffic, at most once per burst', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const calls = api()
    await mountPage(DashboardPage)
    const statsCalls = () => calls.filter((call) => call.url === '/api/stats/messages?hours=24').length
    expect(statsCalls()).toBe(1)
    for (let index = 0; index < 20; index++) emitEvent('message.received', { sessionId: 'shop' })
    await vi.advanceTimersByTimeAsync(10_000)
    await flushPromises()
    expect(statsCalls()).toBe(2)
    await vi.advanceTimersByTimeAsync(60_000)
    await flushPromises()
    expect(statsCalls()).toBe(3)
  })

  it('says when there was no traffic and when there are no notifications', async () => {
    api([
      { path: '/api/stats/messages?hours=24', body: { from: '', to: '', buckets: buckets([]) } },
      { path: '/api/notifications?limit=8', body: { items: [], nextCursor: null } },
    ])
    const { wrapper } = await mountPage(DashboardPage, { locale: 'ar' })
    expect(card(wrapper, 'chart').get('[data-testid=state-empty]').text()).toContain('لم تُرسل أو تُستلم أي رسائل')
    expect(card(wrapper, 'notifications').get('[data-testid=state-empty]').text()).toContain('لا توجد إشعارات')
  })
})
