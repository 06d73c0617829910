import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeApi, flushPromises } from '../../../../admin-ui/src/testing/mount-page.ts'
import { stats, subscription } from '../testing/fixtures.ts'
import { mountWebhooksPage } from '../testing/mount-webhooks-page.ts'
import StatsPage from './StatsPage.vue'

enableAutoUnmount(afterEach)

const base = '/api/plugins/webhooks'
const numbers = {
  items: [
    stats({ subscriptionId: 'whk_a', sample: 900, successRate: 0.9, failures: 90, p50LatencyMs: 85, p95LatencyMs: 1250, queueDepth: 12 }),
    stats({ subscriptionId: 'whk_b', sample: 100, successRate: 1, failures: 0, p50LatencyMs: 40, p95LatencyMs: 95, queueDepth: 0 }),
    stats({ subscriptionId: 'whk_c' }),
  ],
  queueDepth: 12,
}
const list = { items: [subscription({ id: 'whk_a', url: 'https://crm.example.com/hook' }), subscription({ id: 'whk_b' }), subscription({ id: 'whk_c' })] }

describe('webhooks: StatsPage', { timeout: 20_000 }, () => {
  it('shows the success rate over all deliveries counted, failures, the queue and per-webhook latency', async () => {
    fakeApi([{ path: `${base}/stats`, body: numbers }, { path: `${base}/subscriptions`, body: list }])
    const { wrapper } = await mountWebhooksPage(StatsPage)
    // 910 of 1,000 counted deliveries succeeded: the busy webhook weighs more than the quiet one.
    expect(wrapper.find('[data-testid=stat-success-rate]').text()).toContain('91%')
    expect(wrapper.find('[data-testid=stat-success-rate]').text()).toContain('Over 1,000 finished deliveries')
    expect(wrapper.find('[data-testid=stat-failures]').text()).toContain('90')
    expect(wrapper.find('[data-testid=stat-queue-depth]').text()).toContain('12')
    const rows = wrapper.findAll('[data-testid=stats-table] tbody tr')
    expect(rows[0]!.text()).toContain('https://crm.example.com/hook')
    expect(rows[0]!.find('[data-testid=stats-p50]').text()).toBe('85 ms')
    expect(rows[0]!.find('[data-testid=stats-p95]').text()).toBe('1.25 sec')
    expect(rows[0]!.find('[data-testid=stats-failures-link]').attributes('href')).toBe('/plugins/webhooks/deliveries?subscription=whk_a&status=failed')
    expect(rows[2]!.find('[data-testid=stats-success-rate]').text()).toBe('—')
  })

  it('refreshes by itself while open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const calls = fakeApi([{ path: `${base}/stats`, body: numbers }, { path: `${base}/subscriptions`, body: list }])
      await mountWebhooksPage(StatsPage)
      expect(calls.filter((call) => call.url === `${base}/stats`)).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(15_000)
      await flushPromises()
      expect(calls.filter((call) => call.url === `${base}/stats`)).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('speaks Arabic, durations included', async () => {
    fakeApi([{ path: `${base}/stats`, body: numbers }, { path: `${base}/subscriptions`, body: list }])
    const { wrapper } = await mountWebhooksPage(StatsPage, { locale: 'ar' })
    expect(wrapper.find('h1').text()).toBe('إحصاءات الخطافات')
    expect(wrapper.find('[data-testid=stat-queue-depth] h2').text()).toBe('في الانتظار')
    // The digits follow the browser's Arabic number format; the unit is Arabic either way.
    expect(wrapper.find('[data-testid=stats-p95]').text()).toMatch(/^(1\.25|١٫٢٥) ث$/)
  })

  it('shows an error with a retry', async () => {
    fakeApi([{ path: `${base}/stats`, status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Database unavailable' } } }, { path: `${base}/subscriptions`, body: list }])
    const { wrapper } = await mountWebhooksPage(StatsPage)
    expect(wrapper.find('[data-testid=state-error]').text()).toContain('Database unavailable')
  })
})
