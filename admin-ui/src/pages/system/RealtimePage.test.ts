import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Locale } from '../../i18n/locales.ts'
import { fakeApi, flushPromises, mountPage, type FakeRoute } from '../../testing/mount-page.ts'
import type { RealtimeStatsSnapshot } from './realtime-stats.ts'
import RealtimePage from './RealtimePage.vue'

function snapshot(overrides: Partial<RealtimeStatsSnapshot> = {}): RealtimeStatsSnapshot {
  return {
    connections: { '/core': 3, '/plugins/webhooks': 1 },
    subscriptions: { '/core': { sessions: 2, messages: 1 } },
    windowSeconds: 10,
    eventsOutPerSecond: 0,
    bytesOutPerSecond: 0,
    eventsOut: 0,
    bytesOut: 0,
    droppedEvents: 0,
    backpressureDisconnects: 0,
    revokedDisconnects: 0,
    rejectedHandshakes: {},
    rateLimitedEmits: 0,
    ...overrides,
  }
}

const statsCalls = (calls: { url: string }[]) => calls.filter((call) => call.url === '/api/realtime/stats').length

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
  document.dispatchEvent(new Event('visibilitychange'))
}

// Pages left mounted would keep listening to visibilitychange and poll in later tests.
const mounted: VueWrapper[] = []
async function mountMonitor(locale: Locale = 'en') {
  const { wrapper } = await mountPage(RealtimePage, { locale })
  mounted.push(wrapper)
  return { wrapper }
}

describe('RealtimePage', () => {
  beforeEach(() => {
    // flushPromises waits on setImmediate: leave it real, fake the timers the page polls with.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  })
  afterEach(() => {
    for (const wrapper of mounted.splice(0)) if (wrapper.exists()) wrapper.unmount()
    setVisibility('visible')
    vi.useRealTimers()
  })

  it('shows connections and computes traffic rates between two polls', async () => {
    const stats: FakeRoute = { path: '/api/realtime/stats', body: snapshot({ eventsOut: 100, bytesOut: 10_000, droppedEvents: 2 }) }
    fakeApi([stats])
    const { wrapper } = await mountMonitor()
    expect(wrapper.find('[data-testid=realtime-connections-total]').text()).toBe('4')
    expect(wrapper.find('[data-testid=realtime-connections]').text()).toContain('/plugins/webhooks')
    expect(wrapper.find('[data-testid=realtime-events-rate]').text()).toBe('—')
    expect(wrapper.find('[data-testid=realtime-rates-waiting]').exists()).toBe(true)

    stats.body = snapshot({ eventsOut: 300, bytesOut: 50_000, droppedEvents: 5, rejectedHandshakes: { INVALID_CREDENTIALS: 2 } })
    await vi.advanceTimersByTimeAsync(2000)
    await flushPromises()

    // 200 events and 40 000 bytes in 2 s.
    expect(wrapper.find('[data-testid=realtime-events-rate]').text()).toBe('100')
    expect(wrapper.find('[data-testid=realtime-bytes-rate]').text()).toBe('20 kB/s')
    expect(wrapper.find('[data-testid=realtime-events-total]').text()).toBe('300')
    const volatile = wrapper.find('[data-testid=realtime-drops] [data-testid=realtime-drop-volatile]')
    expect(volatile.find('[data-testid=drop-total]').text()).toBe('5')
    expect(volatile.find('[data-testid=drop-new]').text()).toBe('+3 since the last refresh')
    expect(wrapper.find('[data-testid=realtime-handshakes]').text()).toContain('Invalid, expired or revoked token or API key')
  })

  it('formats the figures for the Arabic page', async () => {
    const stats: FakeRoute = { path: '/api/realtime/stats', body: snapshot({ eventsOut: 1000 }) }
    fakeApi([stats])
    const { wrapper } = await mountMonitor('ar')
    stats.body = snapshot({ eventsOut: 4000 })
    await vi.advanceTimersByTimeAsync(2000)
    await flushPromises()
    expect(wrapper.find('[data-testid=realtime-events-rate]').text()).toBe(new Intl.NumberFormat('ar', { maximumFractionDigits: 2 }).format(1500))
    expect(wrapper.find('[data-testid=realtime-traffic]').text()).toContain('الأحداث في الثانية')
  })

  it('polls every 2 s while visible, pauses when hidden, and stops on unmount', async () => {
    const calls = fakeApi([{ path: '/api/realtime/stats', body: snapshot() }])
    const { wrapper } = await mountMonitor()
    expect(statsCalls(calls)).toBe(1)
    await vi.advanceTimersByTimeAsync(4000)
    await flushPromises()
    expect(statsCalls(calls)).toBe(3)

    setVisibility('hidden')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(statsCalls(calls)).toBe(3)
    setVisibility('visible')
    await flushPromises()
    expect(statsCalls(calls)).toBe(4)

    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(statsCalls(calls)).toBe(4)
  })

  it('keeps the last figures and says so when a refresh fails', async () => {
    const stats: FakeRoute = { path: '/api/realtime/stats', body: snapshot() }
    fakeApi([stats])
    const { wrapper } = await mountMonitor()
    stats.status = 503
    stats.body = { error: { code: 'SERVICE_UNAVAILABLE', message: 'Shutting down' } }
    await vi.advanceTimersByTimeAsync(2000)
    await flushPromises()
    expect(wrapper.find('[data-testid=realtime-stale]').text()).toContain('Shutting down')
    expect(wrapper.find('[data-testid=realtime-connections-total]').text()).toBe('4')
  })

  it('shows an error with a retry when the first load fails', async () => {
    fakeApi([{ path: '/api/realtime/stats', status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Broken' } } }])
    const { wrapper } = await mountMonitor()
    expect(wrapper.find('[data-testid=state-error]').text()).toContain('Broken')
  })
})
