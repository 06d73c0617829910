import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, type Component } from 'vue'
import { useI18n } from 'vue-i18n'
import type { PluginInfo } from '../api/types.ts'
import { fakeApi, flushPromises, mountPage } from '../testing/mount-page.ts'
import { defineAdminModule, type AdminModule } from './admin-module.ts'
import { loadPluginModules } from './plugin-modules.ts'

// The example page listens to the panel's socket; record its handlers instead of connecting.
const socket = vi.hoisted(() => ({ handlers: new Map<string, Array<(payload: unknown) => void>>(), topics: [] as string[] }))
vi.mock('../realtime/core-socket.ts', () => ({
  realtime: () => ({
    on: (event: string, handler: (payload: unknown) => void) => {
      socket.handlers.set(event, [...(socket.handlers.get(event) ?? []), handler])
      return () => socket.handlers.set(event, (socket.handlers.get(event) ?? []).filter((candidate) => candidate !== handler))
    },
    subscribe: (topic: string) => {
      socket.topics.push(topic)
      return () => undefined
    },
  }),
  disconnectAll: () => undefined,
}))

enableAutoUnmount(afterEach)

function plugin(overrides: Partial<PluginInfo> & Pick<PluginInfo, 'id'>): PluginInfo {
  return {
    name: overrides.id, version: '1.0.0', description: null, scope: 'global', source: 'directory', status: 'started', error: null,
    dependencies: {}, permissions: [], contributes: {}, configSchema: null, adminModule: null, uiSource: null,
    ...overrides,
  }
}

const page = { render: () => null }
const moduleOf = (id: string): AdminModule => defineAdminModule({ id, title: { en: id }, routes: [{ path: '', name: `${id}-home`, title: { en: id }, menu: true, component: async () => page }] })
const served = (id: string, status: PluginInfo['status'] = 'started') => plugin({ id, status, adminModule: { entry: `/plugin-ui/${id}/index.js` }, uiSource: 'ui/index.js', contributes: { adminModule: true } })

describe('loadPluginModules', () => {
  it('loads the module a started plugin serves, with the load function given, from the entry the kernel announced', async () => {
    const load = vi.fn(async (url: string) => ({ default: moduleOf(url.split('/')[2]!) }))
    const { modules, failures } = await loadPluginModules([served('catalog')], load)
    expect(load).toHaveBeenCalledWith('/plugin-ui/catalog/index.js')
    expect(modules.map((module) => module.id)).toEqual(['catalog'])
    expect(modules[0]!.routes[0]!.name).toBe('catalog-home')
    expect(failures).toEqual([])
  })

  it('brings nothing for a plugin that failed, is disabled or stopped, and does not even fetch its module', async () => {
    const load = vi.fn(async (url: string) => ({ default: moduleOf(url.split('/')[2]!) }))
    const { modules, failures } = await loadPluginModules(
      [served('broken', 'failed'), served('switched-off', 'disabled'), served('halted', 'stopped'), served('catalog')],
      load,
    )
    expect(modules.map((module) => module.id)).toEqual(['catalog'])
    expect(load.mock.calls.map(([url]) => url)).toEqual(['/plugin-ui/catalog/index.js'])
    expect(failures).toEqual([])
  })

  it('reports a module under another id, one that does not export defineAdminModule, and one that cannot be fetched, and still loads the rest', async () => {
    const answers: Record<string, () => Promise<{ default?: unknown }>> = {
      '/plugin-ui/impostor/index.js': async () => ({ default: moduleOf('webhooks') }),
      '/plugin-ui/no-default/index.js': async () => ({}),
      '/plugin-ui/not-a-module/index.js': async () => ({ default: { id: 'not-a-module', title: 'x' } }),
      '/plugin-ui/offline/index.js': async () => {
        throw new TypeError('Failed to fetch dynamically imported module: /plugin-ui/offline/index.js')
      },
      '/plugin-ui/catalog/index.js': async () => ({ default: moduleOf('catalog') }),
    }
    const { modules, failures } = await loadPluginModules(
      ['impostor', 'no-default', 'not-a-module', 'offline', 'catalog'].map((id) => served(id)),
      (url) => answers[url]!() as Promise<{ default?: AdminModule }>,
    )
    expect(modules.map((module) => module.id)).toEqual(['catalog'])
    expect(failures).toEqual([
      { pluginId: 'impostor', message: 'the module id "webhooks" is not the plugin id' },
      { pluginId: 'no-default', message: 'the module does not default-export defineAdminModule({ ... })' },
      { pluginId: 'not-a-module', message: 'the module does not default-export defineAdminModule({ ... })' },
      { pluginId: 'offline', message: 'Failed to fetch dynamically imported module: /plugin-ui/offline/index.js' },
    ])
  })

  it("compiles this repository's plugin modules in: a started plugin without a served entry uses its ui/index.ts", async () => {
    const load = vi.fn()
    const started = await loadPluginModules([plugin({ id: 'webhooks', source: 'builtin', uiSource: 'ui/index.ts', contributes: { adminModule: true } })], load)
    expect(started.modules.map((module) => module.id)).toEqual(['webhooks'])
    expect(started.modules[0]!.routes.map((route) => route.name)).toEqual(['webhooks-subscriptions', 'webhooks-deliveries', 'webhooks-stats'])
    expect(load).not.toHaveBeenCalled()

    const failed = await loadPluginModules([plugin({ id: 'webhooks', source: 'builtin', status: 'failed', uiSource: 'ui/index.ts' })], load)
    expect(failed.modules).toEqual([])
  })

  it('brings nothing for a started plugin without a module', async () => {
    const load = vi.fn()
    expect(await loadPluginModules([plugin({ id: 'no-ui-plugin' })], load)).toEqual({ modules: [], failures: [] })
    expect(load).not.toHaveBeenCalled()
  })
})

describe('the example run-time module (examples/plugins/contact-counter/ui)', { timeout: 20_000 }, () => {
  // What the kernel would serve at /plugin-ui/contact-counter/index.js, loaded the way the panel does.
  // A variable, so neither TypeScript nor the bundler looks into the plain-JS file ahead of time.
  const entry = '../../../examples/plugins/contact-counter/ui/index.js'
  const loadExample = (url: string) => {
    if (url !== '/plugin-ui/contact-counter/index.js') throw new Error(`unexpected ${url}`)
    return import(/* @vite-ignore */ entry) as Promise<{ default: AdminModule }>
  }
  const contactCounter = served('contact-counter')

  async function loadModule(): Promise<AdminModule> {
    const { modules, failures } = await loadPluginModules([contactCounter], loadExample)
    expect(failures).toEqual([])
    return modules[0]!
  }

  /** Mounts the module's page with its strings merged under the module id, as the router guard does. */
  async function mountOverview(module: AdminModule, locale: 'en' | 'ar' = 'en') {
    const resolved = await module.routes[0]!.component()
    const component = ('default' in resolved ? resolved.default : resolved) as Component
    const withMessages = defineComponent({
      setup() {
        const i18n = useI18n({ useScope: 'global' })
        i18n.mergeLocaleMessage('en', { [module.id]: module.messages!.en })
        i18n.mergeLocaleMessage('ar', { [module.id]: module.messages!.ar! })
        return () => h(component)
      },
    })
    return mountPage(withMessages, { role: 'viewer', locale })
  }

  const countsRoutes = [
    { path: '/api/sessions/list', body: { items: [{ clientId: 'shop', name: 'Shop' }, { clientId: 'clinic', name: 'Clinic' }] } },
    { path: '/api/plugins/contact-counter/counts/shop', body: { sessionId: 'shop', enabled: true, contacts: { '966500000001@c.us': 3, '966500000002@c.us': 12 } } },
    { path: '/api/plugins/contact-counter/counts/clinic', body: { sessionId: 'clinic', enabled: false, contacts: {} } },
    { path: '/api/sessions/shop/plugins/contact-counter', body: { pluginId: 'contact-counter', sessionId: 'shop', enabled: true, settings: {}, effectiveSettings: { milestone: 10, ignoreGroups: true }, configSchema: null, secrets: {} } },
    { path: '/api/sessions/clinic/plugins/contact-counter', body: { pluginId: 'contact-counter', sessionId: 'clinic', enabled: false, settings: {}, effectiveSettings: { milestone: 10, ignoreGroups: true }, configSchema: null, secrets: {} } },
  ]

  it('declares its page under the plugin id, in the menu, named as the browser tests expect, in English and Arabic', async () => {
    const module = await loadModule()
    expect(module.id).toBe('contact-counter')
    expect(module.routes.map((route) => ({ name: route.name, path: route.path, menu: route.menu }))).toEqual([{ name: 'contact-counter-overview', path: '', menu: true }])
    const keys = (tree: object): string[] => Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [key] : keys(value).map((sub) => `${key}.${sub}`)))
    expect(keys(module.messages!.ar!).sort()).toEqual(keys(module.messages!.en).sort())
  })

  it('shows what the plugin counted per session and per contact, with the milestone reached', async () => {
    const calls = fakeApi(countsRoutes)
    const { wrapper } = await mountOverview(await loadModule())
    expect(wrapper.find('h1').text()).toBe('Contact counter')
    const sessions = wrapper.find('[data-testid=contact-counter-sessions]')
    expect(sessions.find('[data-testid=contact-counter-session-shop]').element.closest('tr')!.textContent).toContain('On')
    expect(sessions.find('[data-testid=contact-counter-session-shop]').element.closest('tr')!.textContent).toContain('15')
    const contacts = wrapper.find('[data-testid=contact-counter-contacts]')
    expect(contacts.find('h2').text()).toBe('Contacts of Shop')
    expect(contacts.findAll('[data-testid=contact-counter-count]').map((cell) => cell.text())).toEqual(['12', '3'])
    expect(contacts.findAll('tbody tr')[0]!.text()).toContain('Reached')
    expect(contacts.findAll('tbody tr')[1]!.text()).not.toContain('Reached')
    expect(calls.map((call) => call.url)).toContain('/api/sessions/shop/plugins/contact-counter')

    // Another session, chosen in the table.
    await sessions.find('[data-testid=contact-counter-session-clinic]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=contact-counter-contacts] h2').text()).toBe('Contacts of Clinic')
    expect(wrapper.find('[data-testid=contact-counter-no-contacts]').text()).toContain('Counting is off for this session')
  })

  it('counts again shortly after messages arrive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const calls = fakeApi(countsRoutes)
      await mountOverview(await loadModule())
      expect(socket.topics).toContain('messages')
      const countRequests = () => calls.filter((call) => call.url === '/api/plugins/contact-counter/counts/shop').length
      expect(countRequests()).toBe(1)
      for (const handler of socket.handlers.get('message.received') ?? []) {
        handler({ sessionId: 'shop' })
        handler({ sessionId: 'shop' })
      }
      await vi.advanceTimersByTimeAsync(2000)
      await flushPromises()
      expect(countRequests()).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('shows an error with a retry when the counts cannot be read, in Arabic too', async () => {
    fakeApi([{ path: '/api/sessions/list', status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'تعذّر الاتصال' } } }])
    const { wrapper } = await mountOverview(await loadModule(), 'ar')
    expect(wrapper.find('h1').text()).toBe('عدّاد جهات الاتصال')
    expect(wrapper.find('[data-testid=state-error]').text()).toContain('تعذّر الاتصال')
  })
})
