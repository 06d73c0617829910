import ConfirmDialog from 'primevue/confirmdialog'
import Toast from 'primevue/toast'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { Session } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage, type FakeRoute } from '../../testing/mount-page.ts'
import { emitEvent, resetRealtime, subscribedTopics } from '../../testing/realtime-test-double.ts'
import { sessionDetail, sessionRow } from './session-fixtures.ts'
import SessionsPage from './SessionsPage.vue'

vi.mock('../../realtime/use-realtime.ts', async () => await import('../../testing/realtime-test-double.ts'))

/** The page with the confirmation dialog and toasts App.vue mounts around every page. */
const SessionsPageInApp = defineComponent({ render: () => [h(SessionsPage), h(ConfirmDialog), h(Toast)] })
const inline = { global: { stubs: { teleport: true } } }
const routes = [
  { path: '/sessions', component: { render: () => null } },
  { path: '/sessions/:clientId', component: { render: () => null } },
]

const shop = sessionRow()
const desk = sessionRow({ clientId: 'desk', name: 'Front desk', driver: 'whatsapp-web', status: 'disconnected', phone: null, readyAt: null, reconnects: 3, lastError: 'connection lost', nextRetryAt: '2026-11-25T09:00:10.000Z' })

function api(sessions: Session[] = [shop, desk], extra: FakeRoute[] = []) {
  return fakeApi([...extra, { path: '/api/sessions/list', body: { items: sessions } }])
}

type Wrapper = Awaited<ReturnType<typeof mountPage>>['wrapper']
const row = (wrapper: Wrapper, clientId: string) => wrapper.find(`[data-testid="session-row-${clientId}"]`)
const statusOf = (wrapper: Wrapper, clientId: string) => row(wrapper, clientId).get('[data-testid=session-status]').attributes('data-status')

afterEach(resetRealtime)

describe('SessionsPage', { timeout: 20_000 }, () => {
  it('lists the sessions with their status and follows them live', async () => {
    // The server's list moves with the events, as it would: the store reads it again after a burst.
    const server = [{ ...shop }, { ...desk }]
    api(server)
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', ...inline })

    expect(subscribedTopics).toContain('sessions:*')
    expect(statusOf(wrapper, 'shop')).toBe('ready')
    expect(row(wrapper, 'shop').get('[data-testid=session-status]').text()).toBe('Ready')
    expect(row(wrapper, 'shop').text()).toContain('+15550118667')
    expect(statusOf(wrapper, 'desk')).toBe('disconnected')
    expect(row(wrapper, 'desk').text()).toContain('connection lost')
    expect(row(wrapper, 'desk').text()).toContain('whatsapp-web')
    expect(row(wrapper, 'desk').text()).toContain('3')
    expect(row(wrapper, 'shop').get('[data-testid=session-open-shop]').attributes('href')).toBe('/sessions/shop')

    Object.assign(server[1]!, { status: 'failed', lastError: 'gave up after 5 attempts', nextRetryAt: null })
    emitEvent('session.status', { sessionId: 'desk', status: 'failed', previous: 'disconnected', error: 'gave up after 5 attempts' })
    await flushPromises()
    expect(statusOf(wrapper, 'desk')).toBe('failed')
    expect(row(wrapper, 'desk').get('[data-testid=session-status]').text()).toBe('Failed')
    expect(row(wrapper, 'desk').text()).toContain('gave up after 5 attempts')

    server.splice(0, 1)
    emitEvent('session.deleted', { sessionId: 'shop' })
    await flushPromises()
    expect(row(wrapper, 'shop').exists()).toBe(false)

    server.push(sessionRow({ clientId: 'annex', name: 'Annex', status: 'starting', phone: null, readyAt: null }))
    emitEvent('session.created', { sessionId: 'annex', driver: 'sandbox', name: 'Annex' })
    await flushPromises()
    expect(statusOf(wrapper, 'annex')).toBe('starting')
    expect(row(wrapper, 'annex').text()).toContain('Annex')
    wrapper.unmount()
  })

  it('labels the statuses in Arabic', async () => {
    api()
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', locale: 'ar', ...inline })
    expect(row(wrapper, 'shop').get('[data-testid=session-status]').text()).toBe('جاهزة')
    expect(row(wrapper, 'desk').get('[data-testid=session-status]').text()).toBe('غير متصلة')
    wrapper.unmount()
  })

  it('shows a viewer no button that changes anything', async () => {
    api([shop, desk, sessionRow({ clientId: 'annex', status: 'qr', qrPending: true })])
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', role: 'viewer', ...inline })
    expect(row(wrapper, 'shop').exists()).toBe(true)
    expect(wrapper.find('[data-testid=session-create]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid^=session-restart-], [data-testid^=session-delete-], [data-testid^=session-stop-], [data-testid^=session-start-]')).toHaveLength(0)
    // Looking at a QR code changes nothing.
    expect(wrapper.find('[data-testid=session-show-qr-annex]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('lets an agent restart and stop, but neither create nor delete', async () => {
    const calls = api([shop], [{ method: 'POST', path: '/api/sessions/shop/restart', body: sessionDetail({ reconnects: 0 }) }])
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', role: 'agent', ...inline })
    expect(wrapper.find('[data-testid=session-create]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=session-delete-shop]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=session-stop-shop]').exists()).toBe(true)

    await wrapper.get('[data-testid=session-restart-shop]').trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/sessions/shop/restart'])
    expect(document.body.textContent).toContain('Session “Shop” restarted')
    wrapper.unmount()
  })

  it('checks the session ID like the server and shows the server’s field errors on the fields', async () => {
    const calls = api([shop], [
      {
        method: 'POST',
        path: '/api/sessions/create',
        status: 409,
        body: { error: { code: 'SESSION_EXISTS', message: 'a session with clientId "shop" exists', details: { field: 'body.clientId' } } },
      },
    ])
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', ...inline })
    await wrapper.get('[data-testid=session-create]').trigger('click')
    const form = () => wrapper.get('[data-testid=session-create-form]')
    const fieldError = (id: string) => wrapper.find(`#${id}-error`)

    await wrapper.get('#session-client-id').setValue('Shop Two')
    await form().trigger('submit')
    expect(fieldError('session-client-id').text()).toContain('lowercase letters, digits')
    await wrapper.get('#session-client-id').setValue('list')
    await form().trigger('submit')
    expect(fieldError('session-client-id').text()).toBe('This ID is reserved by the API. Choose another one.')
    expect(calls.some((call) => call.method === 'POST')).toBe(false)

    await wrapper.get('#session-client-id').setValue('shop')
    await wrapper.get('#session-name').setValue('Second shop')
    await form().trigger('submit')
    await flushPromises()
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ clientId: 'shop', name: 'Second shop', driver: 'whatsapp-web' })
    expect(fieldError('session-client-id').text()).toBe('A session with this ID already exists.')
    expect(wrapper.get('[data-testid=session-create-error]').text()).toBe('Please correct the highlighted fields.')
    // Edited, the field loses an error that no longer describes it.
    await wrapper.get('#session-client-id').setValue('shop-2')
    expect(fieldError('session-client-id').exists()).toBe(false)
    expect(wrapper.find('[data-testid=session-create-error]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('puts a 400’s field errors on their fields', async () => {
    api([shop], [
      {
        method: 'POST',
        path: '/api/sessions/create',
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid input', details: [{ field: 'body.name', message: 'must not be blank for this agency' }] } },
      },
    ])
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', ...inline })
    await wrapper.get('[data-testid=session-create]').trigger('click')
    await wrapper.get('#session-client-id').setValue('annex')
    await wrapper.get('#session-name').setValue('   x')
    await wrapper.get('[data-testid=session-create-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#session-name-error').text()).toBe('must not be blank for this agency')
    wrapper.unmount()
  })

  it('creates a sandbox session that links with a QR code, shows the code live, and closes once scanned', async () => {
    const waiting = sessionDetail({ clientId: 'annex', name: 'Annex', status: 'qr', qrPending: true, phone: null, readyAt: null })
    let qrAnswers = 0
    const calls = api([shop], [
      { method: 'POST', path: '/api/sessions/create', status: 201, body: waiting },
      { method: 'POST', path: '/api/sessions/annex/sandbox/scan', body: sessionRow({ clientId: 'annex', name: 'Annex', status: 'ready', phone: '15550110000' }) },
    ])
    // Each read of the QR code answers the code WhatsApp (here the sandbox) shows at that moment.
    const inner = globalThis.fetch
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      if (input !== '/api/sessions/annex/qr') return inner(input, init)
      qrAnswers += 1
      return new Response(JSON.stringify({ clientId: 'annex', status: 'qr', qr: `code-${qrAnswers}`, dataUrl: `data:image/png;base64,Q${qrAnswers}`, receivedAt: '2026-11-25T09:00:00.000Z' }), { status: 200 })
    })

    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', ...inline })
    await wrapper.get('[data-testid=session-create]').trigger('click')
    await wrapper.get('#session-client-id').setValue('annex')
    await wrapper.get('#session-name').setValue('Annex')
    await wrapper.get('[data-testid=session-driver]').trigger('click')
    await wrapper.get('li[aria-label="sandbox"]').trigger('mousedown')
    expect(wrapper.get('#session-driver-input').text()).toBe('sandbox')
    expect(wrapper.get('#session-driver-input').element.closest('.form-field')!.querySelector('.field-help')!.textContent).toContain('simulated WhatsApp network')
    await wrapper.get('[data-testid=session-link-qr]').setValue(true)
    await wrapper.get('[data-testid=session-create-form]').trigger('submit')
    await flushPromises()

    expect(calls.find((call) => call.url === '/api/sessions/create')?.body).toEqual({ clientId: 'annex', name: 'Annex', driver: 'sandbox', linkWithQr: true })
    expect(statusOf(wrapper, 'annex')).toBe('qr')
    const dialog = wrapper.get('[data-testid=session-qr]')
    expect(dialog.get('[data-testid=session-qr-image]').attributes('src')).toBe('data:image/png;base64,Q1')

    // The code rotates: the dialog shows the new one.
    emitEvent('session.qr', { sessionId: 'annex', qr: 'code-2' })
    await flushPromises()
    expect(wrapper.get('[data-testid=session-qr-image]').attributes('src')).toBe('data:image/png;base64,Q2')
    // Another session's code is none of its business.
    emitEvent('session.qr', { sessionId: 'other', qr: 'x' })
    await flushPromises()
    expect(qrAnswers).toBe(2)

    await wrapper.get('[data-testid=session-qr-scan]').trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'POST' && call.url === '/api/sessions/annex/sandbox/scan')).toBe(true)
    expect(wrapper.find('[data-testid=session-qr-image]').exists()).toBe(false)
    expect(statusOf(wrapper, 'annex')).toBe('ready')
    expect(document.body.textContent).toContain('“Annex” is linked and ready')
    wrapper.unmount()
  })

  it('asks before deleting, naming the session and what is deleted with it', async () => {
    const calls = api([shop, desk], [{ method: 'DELETE', path: '/api/sessions/shop', status: 204 }])
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', ...inline })

    await wrapper.get('[data-testid=session-delete-shop]').trigger('click')
    await flushPromises()
    const question = wrapper.get('.p-confirmdialog')
    expect(question.text()).toContain('“Shop” (shop)')
    expect(question.text()).toContain('messages')
    expect(question.text()).toContain('files')
    await wrapper.get('.p-confirmdialog-reject-button').trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false)
    expect(row(wrapper, 'shop').exists()).toBe(true)

    await wrapper.get('[data-testid=session-delete-shop]').trigger('click')
    await flushPromises()
    await wrapper.get('.p-confirmdialog-accept-button').trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual(['/api/sessions/shop'])
    expect(row(wrapper, 'shop').exists()).toBe(false)
    expect(row(wrapper, 'desk').exists()).toBe(true)
    wrapper.unmount()
  })

  it('filters by the status the dashboard links to, and says when nothing matches', async () => {
    api()
    const { wrapper, router } = await mountPage(SessionsPageInApp, { routes, path: '/sessions?status=disconnected', ...inline })
    expect(row(wrapper, 'desk').exists()).toBe(true)
    expect(row(wrapper, 'shop').exists()).toBe(false)
    await router.push('/sessions?status=failed')
    await flushPromises()
    expect(wrapper.get('[data-testid=state-empty]').text()).toContain('No session matches these filters.')
    await wrapper.get('[data-testid=sessions-clear-filters]').trigger('click')
    await flushPromises()
    expect(row(wrapper, 'shop').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows the empty, loading failure and retry states', async () => {
    fakeApi([{ path: '/api/sessions/list', status: 500, body: { error: { code: 'INTERNAL', message: 'Something broke' } } }])
    const { wrapper } = await mountPage(SessionsPageInApp, { routes, path: '/sessions', ...inline })
    expect(wrapper.get('[data-testid=state-error]').text()).toContain('Something broke')
    api([])
    await wrapper.get('[data-testid=state-error] button').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid=state-empty]').text()).toContain('There are no sessions yet.')
    wrapper.unmount()
  })
})
