import Toast from 'primevue/toast'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { PluginInfo } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage, type FakeRoute } from '../../testing/mount-page.ts'
import { emitEvent, resetRealtime, subscribedTopics } from '../../testing/realtime-test-double.ts'
import SessionDetailPage from './SessionDetailPage.vue'
import { sessionDetail, sessionRow } from './session-fixtures.ts'
import type { SessionPluginState } from './use-session-plugins.ts'

vi.mock('../../realtime/use-realtime.ts', async () => await import('../../testing/realtime-test-double.ts'))

const PageInApp = defineComponent({ render: () => [h(SessionDetailPage), h(Toast)] })
const inline = { global: { stubs: { teleport: true } } }
const routes = [
  { path: '/sessions/:clientId', component: { render: () => null } },
  { path: '/sessions', component: { render: () => null } },
  { path: '/messages/:clientId?', component: { render: () => null } },
]

const greeterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    greeting: { type: 'string', maxLength: 40, default: 'Hello', description: 'Sent to new contacts' },
    delaySeconds: { type: 'integer', minimum: 0, maximum: 60, default: 5 },
  },
}

function greeter(overrides: Partial<SessionPluginState> = {}): SessionPluginState {
  return { pluginId: 'greeter', sessionId: 'shop', enabled: false, settings: {}, effectiveSettings: { greeting: 'Hello', delaySeconds: 5 }, configSchema: greeterSchema, secrets: {}, ...overrides }
}

const greeterInfo = { id: 'greeter', name: 'Greeter', version: '1.2.0', description: 'Greets new contacts', scope: 'session', status: 'started' } as PluginInfo

/** The list the server answers; a test changes it as the server's state changes. */
let listed = { items: [sessionRow()] }

function api(extra: FakeRoute[] = [], plugins: SessionPluginState[] = [greeter()]) {
  listed = { items: [sessionRow()] }
  return fakeApi([
    ...extra,
    { path: '/api/sessions/list', body: listed },
    { path: '/api/sessions/shop', body: sessionDetail() },
    { path: '/api/sessions/shop/plugins', body: { items: plugins } },
    { path: '/api/plugins', body: { items: [greeterInfo] } },
  ])
}

afterEach(resetRealtime)

describe('SessionDetailPage', { timeout: 20_000 }, () => {
  it('shows the session’s health and message figures, kept live, and links to its messages', async () => {
    const calls = api()
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', ...inline })

    const health = wrapper.get('[data-testid=session-health]')
    expect(health.get('[data-testid=session-status]').attributes('data-status')).toBe('ready')
    expect(health.text()).toContain('+15550118667')
    expect(wrapper.get('[data-testid=session-stats-sent]').text()).toBe('12')
    expect(wrapper.get('[data-testid=session-stats-received]').text()).toBe('30')
    expect(wrapper.get('[data-testid=session-stats-failed]').text()).toBe('1')
    expect(wrapper.get('[data-testid=session-messages-link]').attributes('href')).toBe('/messages/shop')
    expect(subscribedTopics).toEqual(expect.arrayContaining(['sessions:*', 'messages:shop']))

    const reads = () => calls.filter((call) => call.url === '/api/sessions/shop').length
    expect(reads()).toBe(1)
    listed.items = [sessionRow({ status: 'disconnected', lastError: 'phone offline', readyAt: null })]
    emitEvent('session.status', { sessionId: 'shop', status: 'disconnected', previous: 'ready', error: 'phone offline' })
    await flushPromises()
    expect(wrapper.get('[data-testid=session-health] [data-testid=session-status]').attributes('data-status')).toBe('disconnected')
    expect(wrapper.get('[data-testid=session-last-error]').text()).toContain('phone offline')
    // The figures that go with the new status are read again, once the burst of events is over.
    await new Promise((resolve) => setTimeout(resolve, 900))
    await flushPromises()
    expect(reads()).toBe(2)
    wrapper.unmount()
  })

  it('shows the browser’s memory of a whatsapp-web session', async () => {
    api([{ path: '/api/sessions/shop', body: sessionDetail({ driver: 'whatsapp-web' }, { browser: { rssBytes: 420_000_000, pssBytes: 310_000_000, recycles: 2 } }) }])
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', ...inline })
    const browser = wrapper.get('[data-testid=session-browser]')
    expect(browser.text()).toContain('310 MB')
    expect(browser.text()).toContain('2')
    wrapper.unmount()
  })

  it('says when the session does not exist', async () => {
    api([{ path: '/api/sessions/shop', status: 404, body: { error: { code: 'SESSION_NOT_FOUND', message: 'session shop' } } }])
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', ...inline })
    expect(wrapper.get('[data-testid=session-not-found]').text()).toContain('There is no session “shop”')
    wrapper.unmount()
  })

  it('switches a plugin on for the session with a PUT', async () => {
    const calls = api([{ method: 'PUT', path: '/api/sessions/shop/plugins/greeter', body: greeter({ enabled: true }) }])
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', ...inline })
    const block = wrapper.get('[data-testid=session-plugin-greeter]')
    expect(block.text()).toContain('Greeter')
    expect(block.text()).toContain('Greets new contacts')

    const toggle = wrapper.get<HTMLInputElement>('[data-testid=session-plugin-toggle-greeter]')
    expect(toggle.element.checked).toBe(false)
    await toggle.setValue(true)
    await flushPromises()
    expect(calls.filter((call) => call.method === 'PUT').map((call) => [call.url, call.body])).toEqual([['/api/sessions/shop/plugins/greeter', { enabled: true }]])
    expect(wrapper.get<HTMLInputElement>('[data-testid=session-plugin-toggle-greeter]').element.checked).toBe(true)
    expect(document.body.textContent).toContain('“Greeter” is on for this session')
    wrapper.unmount()
  })

  it('puts the switch back when the server refuses it', async () => {
    api([{ method: 'PUT', path: '/api/sessions/shop/plugins/greeter', status: 403, body: { error: { code: 'FORBIDDEN_ROLE', message: 'Your role may not do this' } } }])
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', ...inline })
    await wrapper.get('[data-testid=session-plugin-toggle-greeter]').setValue(true)
    await flushPromises()
    expect(wrapper.get<HTMLInputElement>('[data-testid=session-plugin-toggle-greeter]').element.checked).toBe(false)
    expect(document.body.textContent).toContain('Your role may not do this')
    wrapper.unmount()
  })

  it('saves the settings generated from the plugin’s schema and shows the server’s errors on their inputs', async () => {
    const calls = api([
      {
        method: 'PUT',
        path: '/api/sessions/shop/plugins/greeter',
        status: 400,
        body: { error: { code: 'PLUGIN_SETTINGS_INVALID', message: 'Invalid input', details: [{ field: 'body.settings.greeting', message: 'must match pattern "^[A-Za-z ,!]+$"' }] } },
      },
    ])
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', ...inline })
    const greeting = wrapper.get('#session-plugin-greeter-greeting')
    expect(greeting.attributes('placeholder')).toBe('Hello')
    expect(wrapper.get('[data-testid=session-plugin-save-greeter]').attributes('disabled')).toBeDefined()

    await greeting.setValue('Marhaba 2')
    await wrapper.get('[data-testid=session-plugin-greeter] form').trigger('submit')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([{ settings: { greeting: 'Marhaba 2' } }])
    const error = wrapper.get('[data-testid="schema-field-greeting"] [data-testid=field-error]')
    expect(error.text()).toBe('This value does not have the expected form.')
    expect(wrapper.get('#session-plugin-greeter-greeting').attributes('aria-invalid')).toBe('true')
    await wrapper.get('#session-plugin-greeter-greeting').setValue('Marhaba')
    expect(wrapper.find('[data-testid="schema-field-greeting"] [data-testid=field-error]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('checks a setting before sending it', async () => {
    const calls = api()
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', ...inline })
    await wrapper.get('#session-plugin-greeter-greeting').setValue('x'.repeat(41))
    await wrapper.get('[data-testid=session-plugin-greeter] form').trigger('submit')
    await flushPromises()
    expect(calls.some((call) => call.method === 'PUT')).toBe(false)
    expect(wrapper.get('[data-testid="schema-field-greeting"] [data-testid=field-error]').text()).toBe('Too long: the maximum length is 40.')
    wrapper.unmount()
  })

  it('shows a viewer the plugins and their settings read-only', async () => {
    api([], [greeter({ enabled: true, settings: { greeting: 'Welcome' } })])
    const { wrapper } = await mountPage(PageInApp, { routes, path: '/sessions/shop', role: 'viewer', ...inline })
    expect(wrapper.get('[data-testid=session-plugin-toggle-greeter]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid=session-plugin-save-greeter]').exists()).toBe(false)
    expect(wrapper.get<HTMLInputElement>('#session-plugin-greeter-greeting').element.value).toBe('Welcome')
    expect(wrapper.get('#session-plugin-greeter-greeting').attributes('readonly')).toBeDefined()
    expect(wrapper.findAll('[data-testid^=session-restart-], [data-testid^=session-delete-], [data-testid^=session-stop-]')).toHaveLength(0)
    wrapper.unmount()
  })
})
