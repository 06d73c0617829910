import { DOMWrapper, enableAutoUnmount } from '@vue/test-utils'
import ConfirmDialog from 'primevue/confirmdialog'
import Toast from 'primevue/toast'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, type Component } from 'vue'
import { useI18n } from 'vue-i18n'
import type { PluginInfo } from '../api/types.ts'
import { fakeApi, flushPromises, mountPage } from '../testing/mount-page.ts'
import type { AdminModule } from './admin-module.ts'
import { loadPluginModules } from './plugin-modules.ts'

// The page listens on its plugin's namespace; record what it subscribes to and deliver events by hand.
const socket = vi.hoisted(() => ({
  handlers: new Map<string, Array<(payload: unknown) => void>>(),
  topics: [] as string[],
}))
vi.mock('../realtime/core-socket.ts', () => ({
  realtime: (namespace = '/core') => ({
    on: (event: string, handler: (payload: unknown) => void) => {
      const key = `${namespace} ${event}`
      socket.handlers.set(key, [...(socket.handlers.get(key) ?? []), handler])
      return () => socket.handlers.set(key, (socket.handlers.get(key) ?? []).filter((candidate) => candidate !== handler))
    },
    subscribe: (topic: string, sessionId?: string) => {
      socket.topics.push(`${namespace} ${topic}:${sessionId ?? '*'}`)
      return () => undefined
    },
  }),
  disconnectAll: () => undefined,
}))

enableAutoUnmount(afterEach)
beforeEach(() => {
  socket.handlers.clear()
  socket.topics.length = 0
})

const deliver = (event: string, payload: unknown) => {
  for (const handler of socket.handlers.get(`/plugins/lead-form ${event}`) ?? []) handler(payload)
}

const leadForm: PluginInfo = {
  id: 'lead-form', name: 'Lead form', version: '1.0.0', description: null, scope: 'session', source: 'directory', status: 'started', error: null,
  dependencies: {}, permissions: [], contributes: { adminModule: true }, configSchema: null, adminModule: { entry: '/plugin-ui/lead-form/index.js' }, uiSource: 'ui/index.js',
}

// What the kernel serves at /plugin-ui/lead-form/index.js, loaded the way the panel does. A
// variable, so neither TypeScript nor the bundler looks into the plain-JS file ahead of time.
const entry = '../../../examples/plugins/lead-form/ui/index.js'
async function loadModule(): Promise<AdminModule> {
  const { modules, failures } = await loadPluginModules([leadForm], (url) => {
    if (url !== '/plugin-ui/lead-form/index.js') throw new Error(`unexpected ${url}`)
    return import(/* @vite-ignore */ entry) as Promise<{ default: AdminModule }>
  })
  expect(failures).toEqual([])
  return modules[0]!
}

async function mountLeads(options: { locale?: 'en' | 'ar'; role?: 'admin' | 'viewer' } = {}) {
  const module = await loadModule()
  const resolved = await module.routes[0]!.component()
  const component = ('default' in resolved ? resolved.default : resolved) as Component
  const withMessages = defineComponent({
    setup() {
      const i18n = useI18n({ useScope: 'global' })
      i18n.mergeLocaleMessage('en', { [module.id]: module.messages!.en })
      i18n.mergeLocaleMessage('ar', { [module.id]: module.messages!.ar! })
      // The panel's shell mounts the confirmation dialog and the toasts.
      return () => h('div', [h(component), h(ConfirmDialog), h(Toast)])
    },
  })
  return mountPage(withMessages, { role: options.role ?? 'admin', locale: options.locale ?? 'en', path: '/plugins/lead-form?session=shop' })
}

const lead = (overrides: Record<string, unknown>) => ({
  id: 'l-1', sessionId: 'shop', chatId: '966500000001@c.us', phone: '966500000001', name: 'Sarah', budget: 1_200_000,
  districtId: 'hittin', district: 'Hittin', locale: 'en', createdAt: '2026-12-05T08:00:00.000Z', ...overrides,
})

const routes = [
  { path: '/api/sessions/list', body: { items: [{ clientId: 'shop', name: 'Shop' }, { clientId: 'clinic', name: 'Clinic' }] } },
  { path: '/api/plugins/lead-form/leads?clientId=shop', body: { sessionId: 'shop', enabled: true, items: [lead({})] } },
]

describe('the lead form\'s run-time module (examples/plugins/lead-form/ui)', { timeout: 20_000 }, () => {
  it('declares one menu page, with every string in English and Arabic', async () => {
    const module = await loadModule()
    expect(module.routes.map((route) => ({ name: route.name, path: route.path, menu: route.menu }))).toEqual([{ name: 'lead-form-leads', path: '', menu: true }])
    expect(Object.keys(module.messages!.ar!).sort()).toEqual(Object.keys(module.messages!.en).sort())
  })

  it('lists the session\'s leads and adds a captured lead live, only for that session', async () => {
    const calls = fakeApi(routes)
    const { wrapper } = await mountLeads()
    await flushPromises()
    expect(wrapper.find('h1').text()).toBe('Lead form')
    expect(calls.map((call) => call.url)).toContain('/api/plugins/lead-form/leads?clientId=shop')
    expect(socket.topics).toContain('/plugins/lead-form leads:shop')
    const names = () => wrapper.findAll('[data-testid=lead-form-lead-name]').map((cell) => cell.text())
    expect(names()).toEqual(['Sarah'])
    expect(wrapper.find('[data-testid=lead-form-leads]').text()).toContain('1,200,000')

    deliver('lead-form.lead.captured', lead({ id: 'l-2', name: 'محمد', sessionId: 'shop', district: 'الملقا', locale: 'ar' }))
    deliver('lead-form.lead.captured', lead({ id: 'l-3', name: 'Elsewhere', sessionId: 'clinic' }))
    await flushPromises()
    expect(names()).toEqual(['محمد', 'Sarah'])
    expect(wrapper.findAll('[data-testid=lead-form-lead-new]').map((tag) => tag.text())).toEqual(['New'])

    deliver('lead-form.lead.deleted', { sessionId: 'shop', id: 'l-1' })
    await flushPromises()
    expect(names()).toEqual(['محمد'])
  })

  it('speaks Arabic, and shows a viewer no delete button', async () => {
    fakeApi(routes)
    const { wrapper } = await mountLeads({ locale: 'ar', role: 'viewer' })
    await flushPromises()
    expect(wrapper.find('h1').text()).toBe('نموذج العملاء')
    expect(wrapper.find('[data-testid=lead-form-leads]').text()).toContain('الميزانية (ريال)')
    expect(wrapper.find('[aria-label=حذف]').exists()).toBe(false)
  })

  it('offers admins a delete button that asks first and removes the row', async () => {
    const calls = fakeApi([...routes, { method: 'DELETE', path: '/api/plugins/lead-form/leads/l-1', status: 204, body: null }])
    const { wrapper } = await mountLeads()
    await flushPromises()
    await wrapper.find('[aria-label=Delete]').trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false)
    expect(document.body.textContent).toContain('The lead of Sarah will be deleted.')
    const accept = [...document.querySelectorAll('.p-confirmdialog button')].find((button) => button.textContent?.includes('Delete'))!
    await new DOMWrapper(accept).trigger('click')
    await flushPromises()
    expect(calls.some((call) => call.method === 'DELETE' && call.url === '/api/plugins/lead-form/leads/l-1')).toBe(true)
    expect(wrapper.findAll('[data-testid=lead-form-lead-name]')).toHaveLength(0)
    expect(document.body.textContent).toContain('Lead deleted')
  })
})
