import { DOMWrapper, enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeApi, flushPromises, type FakeRoute } from '../../../../admin-ui/src/testing/mount-page.ts'
import { kernelEvents, stats, subscription } from '../testing/fixtures.ts'
import { mountWebhooksPage } from '../testing/mount-webhooks-page.ts'
import SubscriptionsPage from './SubscriptionsPage.vue'

// Dialogs are teleported to <body>: unmount each page so the next test starts clean.
enableAutoUnmount(afterEach)

const base = '/api/plugins/webhooks'
const everyone = subscription({ id: 'whk_1', url: 'https://crm.example.com/hook', events: ['message.received', 'message.ack', 'session.status', 'session.ready'], sessions: null })
const shopOnly = subscription({ id: 'whk_2', url: 'https://shop.example.com/in', events: ['*'], sessions: ['shop'], active: false })

function listRoutes(items = [everyone, shopOnly]): FakeRoute[] {
  return [
    { path: `${base}/subscriptions`, body: { items } },
    { path: `${base}/stats`, body: { items: [stats({ subscriptionId: 'whk_1', sample: 200, successRate: 0.985, failures: 3 }), stats({ subscriptionId: 'whk_2' })], queueDepth: 0 } },
  ]
}

const formRoutes: FakeRoute[] = [
  { path: `${base}/events`, body: { items: kernelEvents } },
  { path: '/api/sessions/list', body: { items: [{ clientId: 'shop', name: 'Shop' }, { clientId: 'clinic', name: 'Clinic' }] } },
]

const body = () => new DOMWrapper(document.body)
const row = (wrapper: Awaited<ReturnType<typeof mountWebhooksPage>>['wrapper'], id: string) => wrapper.find(`[data-testid=webhook-row-${id}]`).element.closest('tr')!

async function pickOption(text: string): Promise<void> {
  const option = [...document.querySelectorAll<HTMLElement>('[role=option]')].find((candidate) => candidate.textContent?.includes(text))
  if (!option) throw new Error(`no option "${text}"`)
  await new DOMWrapper(option).trigger('click')
  await flushPromises()
}

// DataTable, MultiSelect and dialogs make these mounts heavy in happy-dom; a loaded machine needs the margin.
describe('webhooks: SubscriptionsPage', { timeout: 20_000 }, () => {
  it('lists each webhook with its events, sessions, state and success rate', async () => {
    fakeApi(listRoutes())
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    const first = new DOMWrapper(row(wrapper, 'whk_1'))
    expect(first.text()).toContain('https://crm.example.com/hook')
    expect(first.find('[data-testid=webhook-events-cell]').text()).toContain('message.received')
    expect(first.find('[data-testid=webhook-events-cell]').text()).toContain('+1 more')
    expect(first.find('[data-testid=webhook-sessions-cell]').text()).toBe('All sessions')
    expect(first.find('[data-testid=webhook-success-rate]').text()).toBe('98.5%')
    const second = new DOMWrapper(row(wrapper, 'whk_2'))
    expect(second.find('[data-testid=webhook-events-cell]').text()).toBe('All events')
    expect(second.find('[data-testid=webhook-sessions-cell]').text()).toBe('shop')
    expect(second.find('[data-testid=webhook-success-rate] .visually-hidden').text()).toBe('No delivery has finished yet')
    expect(second.find('[data-testid=webhook-active-toggle] input').element).toHaveProperty('checked', false)
  })

  it('shows a viewer the list without any button that changes it', async () => {
    fakeApi(listRoutes())
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage, { role: 'viewer' })
    expect(wrapper.find('[data-testid=webhook-row-whk_1]').exists()).toBe(true)
    for (const id of ['webhook-create', 'webhook-edit', 'webhook-delete', 'webhook-test', 'webhook-rotate', 'webhook-active-toggle']) {
      expect(wrapper.find(`[data-testid=${id}]`).exists(), id).toBe(false)
    }
    expect(wrapper.find('[data-testid=webhook-deliveries-link]').exists()).toBe(true)
  })

  it('creates a webhook and shows its secret once', async () => {
    const created = { ...subscription({ id: 'whk_3', url: 'https://new.example.com/hook', events: ['message.received'] }), secret: 'whsec_only-shown-now' }
    const calls = fakeApi([...formRoutes, { method: 'POST', path: `${base}/subscriptions`, status: 201, body: created }, ...listRoutes()])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage, { role: 'agent' })
    await wrapper.find('[data-testid=webhook-create]').trigger('click')
    await flushPromises()

    // Nothing is sent while the form is incomplete.
    await body().find('[data-testid=webhook-save]').trigger('click')
    expect(body().findAll('[data-testid=field-error]').map((node) => node.text())).toEqual(['Enter the address to send events to.', 'Choose at least one event.'])
    expect(calls.some((call) => call.method === 'POST')).toBe(false)

    await body().find('#webhook-url').setValue('https://new.example.com/hook')
    await body().find('[data-testid=webhook-events]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('A message arrived')
    await pickOption('message.received')
    await body().find('[data-testid=webhook-header-add]').trigger('click')
    await body().find('[data-testid=webhook-header-name]').setValue('Authorization')
    await body().find('[data-testid=webhook-header-value]').setValue('Bearer abc')
    await body().find('[data-testid=webhook-save]').trigger('click')
    await flushPromises()

    expect(calls.find((call) => call.method === 'POST')).toMatchObject({
      url: `${base}/subscriptions`,
      body: { url: 'https://new.example.com/hook', events: ['message.received'], headers: { Authorization: 'Bearer abc' }, active: true },
    })
    const secret = body().find('[data-testid=webhook-secret]')
    expect(secret.exists()).toBe(true)
    expect((secret.find('[data-testid=webhook-secret-value]').element as HTMLInputElement).value).toBe('whsec_only-shown-now')
    expect(secret.text()).toContain('it will not be shown again')

    await body().find('[data-testid=webhook-secret-done]').trigger('click')
    await flushPromises()
    expect(document.body.innerHTML).not.toContain('whsec_only-shown-now')
  })

  it('shows the server’s objection beside the field it names', async () => {
    fakeApi([
      ...formRoutes,
      { method: 'POST', path: `${base}/subscriptions`, status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid request', details: [{ field: 'body.url', message: 'private address 10.0.0.8 is not allowed' }] } } },
      ...listRoutes(),
    ])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    await wrapper.find('[data-testid=webhook-create]').trigger('click')
    await flushPromises()
    await body().find('#webhook-url').setValue('http://10.0.0.8/hook')
    await body().find('[data-testid=webhook-events]').trigger('click')
    await flushPromises()
    await pickOption('All events')
    await body().find('[data-testid=webhook-save]').trigger('click')
    await flushPromises()
    expect(body().find('#webhook-url-error').text()).toBe('private address 10.0.0.8 is not allowed')
    expect(body().find('[data-testid=webhook-form-error]').text()).toBe('Please correct the highlighted fields.')
    expect(body().find('[data-testid=webhook-secret]').exists()).toBe(false)
  })

  it('edits a webhook, sending its current settings with the change', async () => {
    const calls = fakeApi([...formRoutes, { method: 'PATCH', path: `${base}/subscriptions/whk_2`, body: { ...shopOnly, url: 'https://shop.example.com/v2' } }, ...listRoutes()])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    await new DOMWrapper(row(wrapper, 'whk_2')).find('[data-testid=webhook-edit]').trigger('click')
    await flushPromises()
    expect((body().find('#webhook-url').element as HTMLInputElement).value).toBe('https://shop.example.com/in')
    await body().find('#webhook-url').setValue('https://shop.example.com/v2')
    await body().find('[data-testid=webhook-save]').trigger('click')
    await flushPromises()
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ url: 'https://shop.example.com/v2', events: ['*'], sessions: ['shop'], headers: {}, active: false, maxConcurrency: 4 })
    expect(wrapper.find('[data-testid=webhook-row-whk_2]').text()).toContain('https://shop.example.com/v2')
  })

  it('rotates the secret with the overlap chosen and explains the overlap', async () => {
    const rotated = { ...everyone, previousSecretExpiresAt: '2099-01-01T11:00:00.000Z', secret: 'whsec_rotated' }
    const calls = fakeApi([{ method: 'POST', path: `${base}/subscriptions/whk_1/rotate-secret`, body: rotated }, ...listRoutes()])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    await new DOMWrapper(row(wrapper, 'whk_1')).find('[data-testid=webhook-rotate]').trigger('click')
    await flushPromises()
    await body().find('[data-testid=webhook-rotate-confirm]').trigger('click')
    await flushPromises()
    expect(calls.find((call) => call.url.endsWith('/rotate-secret'))?.body).toEqual({ overlapSeconds: 3600 })
    const secret = body().find('[data-testid=webhook-secret]')
    expect((secret.find('[data-testid=webhook-secret-value]').element as HTMLInputElement).value).toBe('whsec_rotated')
    expect(secret.find('[data-testid=webhook-secret-overlap]').text()).toContain('The previous secret also signs every delivery until')
    expect(wrapper.find('[data-testid=webhook-row-whk_1]').text()).toContain('Old secret also signs until')
  })

  it('sends a test event', async () => {
    const calls = fakeApi([{ method: 'POST', path: `${base}/subscriptions/whk_1/test`, status: 202, body: { deliveryId: 'dlv_1', eventId: 'evt_1' } }, ...listRoutes()])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    await new DOMWrapper(row(wrapper, 'whk_1')).find('[data-testid=webhook-test]').trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'POST' && call.url === `${base}/subscriptions/whk_1/test`)).toBe(true)
    expect(document.body.textContent).toContain('Test event queued')
  })

  it('deletes only after confirmation', async () => {
    const calls = fakeApi([{ method: 'DELETE', path: `${base}/subscriptions/whk_2`, status: 204 }, ...listRoutes()])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    await new DOMWrapper(row(wrapper, 'whk_2')).find('[data-testid=webhook-delete]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('https://shop.example.com/in will receive no more events')
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false)
    const accept = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Delete')!
    await new DOMWrapper(accept).trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'DELETE' && call.url === `${base}/subscriptions/whk_2`)).toBe(true)
    expect(wrapper.find('[data-testid=webhook-row-whk_2]').exists()).toBe(false)
  })

  it('pauses deliveries from the list', async () => {
    const calls = fakeApi([{ method: 'PATCH', path: `${base}/subscriptions/whk_1`, body: { ...everyone, active: false } }, ...listRoutes()])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    await new DOMWrapper(row(wrapper, 'whk_1')).find('[data-testid=webhook-active-toggle] input').trigger('change')
    await flushPromises()
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ active: false })
  })

  it('speaks Arabic', async () => {
    fakeApi(listRoutes())
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage, { locale: 'ar' })
    expect(wrapper.find('h1').text()).toBe('خطافات الويب')
    expect(wrapper.find('[data-testid=webhook-row-whk_1]').element.closest('tr')!.textContent).toContain('كل الجلسات')
  })

  it('offers a retry when the list cannot be read', async () => {
    const calls = fakeApi([{ path: `${base}/subscriptions`, status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Database unavailable' } } }])
    const { wrapper } = await mountWebhooksPage(SubscriptionsPage)
    expect(wrapper.find('[data-testid=state-error]').text()).toContain('Database unavailable')
    await wrapper.find('[data-testid=state-error] button').trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.url === `${base}/subscriptions`)).toHaveLength(2)
  })
})
