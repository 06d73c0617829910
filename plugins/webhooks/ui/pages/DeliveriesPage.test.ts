import { DOMWrapper, enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeApi, flushPromises, type FakeRoute } from '../../../../admin-ui/src/testing/mount-page.ts'
import { delivery, subscription } from '../testing/fixtures.ts'
import { mountWebhooksPage } from '../testing/mount-webhooks-page.ts'
import DeliveriesPage from './DeliveriesPage.vue'

enableAutoUnmount(afterEach)

const base = '/api/plugins/webhooks'
const crm = subscription({ id: 'whk_a', url: 'https://crm.example.com/hook' })
const shop = subscription({ id: 'whk_b', url: 'https://shop.example.com/in' })
const subscriptions: FakeRoute = { path: `${base}/subscriptions`, body: { items: [crm, shop] } }

const failedOne = delivery({ id: 'dlv_03', status: 'failed', attempts: 8, responseStatus: 503, latencyMs: 2400, error: 'HTTP 503 Service Unavailable', responseBody: 'maintenance' })
const deliveredOne = delivery({ id: 'dlv_02', latencyMs: 85 })
const pendingOne = delivery({ id: 'dlv_01', status: 'pending', attempts: 2, responseStatus: null, latencyMs: null, responseBody: null, error: 'connect ECONNREFUSED', nextAttemptAt: '2026-03-01T10:05:00.000Z', completedAt: null })

const ids = (wrapper: Awaited<ReturnType<typeof mountWebhooksPage>>['wrapper']) =>
  wrapper.findAll('[data-testid=deliveries-table] tbody tr').map((row) => row.find('[data-testid=delivery-status]').attributes('data-status'))

describe('webhooks: DeliveriesPage', { timeout: 20_000 }, () => {
  it("shows one webhook's deliveries with status, attempts, response, duration and error, and pages on by cursor", async () => {
    const calls = fakeApi([
      subscriptions,
      { path: `${base}/subscriptions/whk_a/deliveries?limit=50`, body: { items: [failedOne, deliveredOne], nextCursor: 'dlv_02' } },
      { path: `${base}/subscriptions/whk_a/deliveries?cursor=dlv_02&limit=50`, body: { items: [pendingOne], nextCursor: null } },
    ])
    const { wrapper } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries?subscription=whk_a' })
    expect(wrapper.find('h1 + p').text()).toBe('https://crm.example.com/hook')
    const first = wrapper.find('[data-testid=deliveries-table] tbody tr')
    expect(first.find('[data-testid=delivery-status]').text()).toBe('Failed')
    expect(first.find('[data-testid=delivery-response]').text()).toBe('503')
    expect(first.find('[data-testid=delivery-duration]').text()).toBe('2.4 sec')
    expect(first.find('[data-testid=delivery-error]').text()).toBe('HTTP 503 Service Unavailable')
    expect(first.text()).toContain('8')
    expect(ids(wrapper)).toEqual(['failed', 'delivered'])

    await wrapper.find('[data-testid=deliveries-load-more]').trigger('click')
    await flushPromises()
    expect(calls.map((call) => call.url)).toContain(`${base}/subscriptions/whk_a/deliveries?cursor=dlv_02&limit=50`)
    expect(ids(wrapper)).toEqual(['failed', 'delivered', 'pending'])
    expect(wrapper.find('[data-testid=deliveries-load-more]').exists()).toBe(false)
  })

  it('merges every webhook newest first and names the webhook of each delivery', async () => {
    fakeApi([
      subscriptions,
      { path: `${base}/subscriptions/whk_a/deliveries?limit=50`, body: { items: [failedOne, pendingOne], nextCursor: null } },
      { path: `${base}/subscriptions/whk_b/deliveries?limit=50`, body: { items: [deliveredOne], nextCursor: null } },
    ])
    const { wrapper } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries' })
    const rows = wrapper.findAll('[data-testid=deliveries-table] tbody tr')
    expect(ids(wrapper)).toEqual(['failed', 'delivered', 'pending'])
    expect(rows[1]!.text()).toContain('shop.example.com/in')
    expect(rows[0]!.text()).toContain('crm.example.com/hook')
  })

  it('filters by status through the address', async () => {
    const calls = fakeApi([
      subscriptions,
      { path: /\/deliveries\?status=failed&limit=50$/, body: { items: [failedOne], nextCursor: null } },
      { path: /\/deliveries\?limit=50$/, body: { items: [failedOne, deliveredOne], nextCursor: null } },
    ])
    const { wrapper, router } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries?subscription=whk_b' })
    const failedButton = wrapper.findAll('[data-testid=deliveries-status-filter] button').find((button) => button.text() === 'Failed')!
    await failedButton.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ subscription: 'whk_b', status: 'failed' })
    expect(calls.at(-1)!.url).toBe(`${base}/subscriptions/whk_b/deliveries?status=failed&limit=50`)
    expect(ids(wrapper)).toEqual(['failed'])
  })

  it('sends one delivery again and shows it queued', async () => {
    const calls = fakeApi([
      subscriptions,
      { path: `${base}/subscriptions/whk_a/deliveries?limit=50`, body: { items: [failedOne, pendingOne], nextCursor: null } },
      { method: 'POST', path: `${base}/subscriptions/whk_a/deliveries/dlv_03/replay`, status: 202, body: { replayed: 1 } },
    ])
    const { wrapper } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries?subscription=whk_a', role: 'agent' })
    const rows = wrapper.findAll('[data-testid=deliveries-table] tbody tr')
    // Still queued: nothing to send again yet.
    expect(rows[1]!.find('[data-testid=delivery-replay]').exists()).toBe(false)
    await rows[0]!.find('[data-testid=delivery-replay]').trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/deliveries/dlv_03/replay'))).toBe(true)
    expect(ids(wrapper)).toEqual(['pending', 'pending'])
  })

  it('sends every failed delivery again after confirmation, per webhook shown', async () => {
    const calls = fakeApi([
      subscriptions,
      { path: /\/deliveries\?limit=50$/, body: { items: [], nextCursor: null } },
      { method: 'POST', path: `${base}/subscriptions/whk_a/deliveries/replay-failed`, status: 202, body: { replayed: 3 } },
      { method: 'POST', path: `${base}/subscriptions/whk_b/deliveries/replay-failed`, status: 202, body: { replayed: 2 } },
    ])
    const { wrapper } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries' })
    expect(wrapper.find('[data-testid=state-empty]').exists()).toBe(true)
    await wrapper.find('[data-testid=deliveries-replay-failed]').trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'POST')).toBe(false)
    const accept = [...document.querySelectorAll('.p-confirmdialog button')].find((button) => button.textContent?.includes('Send failed ones again'))!
    await new DOMWrapper(accept).trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
      `${base}/subscriptions/whk_a/deliveries/replay-failed`,
      `${base}/subscriptions/whk_b/deliveries/replay-failed`,
    ])
    expect(document.body.textContent).toContain('Deliveries queued again: 5')
  })

  it('gives a viewer no button that sends anything', async () => {
    fakeApi([subscriptions, { path: /\/deliveries\?limit=50$/, body: { items: [failedOne], nextCursor: null } }])
    const { wrapper } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries?subscription=whk_a', role: 'viewer' })
    expect(ids(wrapper)).toEqual(['failed'])
    expect(wrapper.find('[data-testid=delivery-replay]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=deliveries-replay-failed]').exists()).toBe(false)
  })

  it('says so when the webhook in the address is not one the user may see', async () => {
    const calls = fakeApi([subscriptions])
    const { wrapper } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries?subscription=whk_gone' })
    expect(wrapper.find('[data-testid=deliveries-unknown-subscription]').exists()).toBe(true)
    expect(calls.some((call) => call.url.includes('/deliveries'))).toBe(false)
  })

  it('shows the response body and ids when a row is opened', async () => {
    fakeApi([subscriptions, { path: /\/deliveries\?limit=50$/, body: { items: [failedOne], nextCursor: null } }])
    const { wrapper } = await mountWebhooksPage(DeliveriesPage, { path: '/plugins/webhooks/deliveries?subscription=whk_a' })
    await wrapper.find('[data-testid=deliveries-table] tbody tr button').trigger('click')
    await flushPromises()
    const details = wrapper.find('[data-testid=delivery-details]')
    expect(details.text()).toContain('maintenance')
    expect(details.text()).toContain('evt_dlv_03')
  })
})
