import { DOMWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { PluginInfo } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import { useModulesStore } from '../../stores/modules-store.ts'
import PluginsPage from './PluginsPage.vue'

function plugin(overrides: Partial<PluginInfo> & Pick<PluginInfo, 'id'>): PluginInfo {
  return {
    name: overrides.id,
    version: '1.0.0',
    description: null,
    scope: 'global',
    source: 'builtin',
    status: 'started',
    error: null,
    dependencies: {},
    permissions: [],
    contributes: {},
    configSchema: null,
    adminModule: null,
    uiSource: null,
    ...overrides,
  }
}

const webhooks = plugin({ id: 'webhooks', name: 'Webhooks', description: 'Signed HTTP deliveries', permissions: ['messages:read', 'http:outbound'] })
const smartbot = plugin({
  id: 'smartbot',
  name: 'SmartBot',
  scope: 'session',
  source: 'package',
  status: 'failed',
  dependencies: { webhooks: '^1.0.0' },
  error: { code: 'PLUGIN_DEPENDENCY_MISSING', message: 'plugin "smartbot": needs crm ^2.0.0, which is not installed', details: { field: 'dependencies.crm' } },
})
const catalog = plugin({ id: 'catalog', name: 'Catalog', source: 'directory', adminModule: { entry: '/plugin-ui/catalog/index.js' }, uiSource: 'ui/index.js', contributes: { adminModule: true } })

describe('PluginsPage', () => {
  it('shows each plugin with its localized status, scope, source and permissions', async () => {
    fakeApi([{ path: '/api/plugins', body: { items: [webhooks, smartbot] } }])
    const { wrapper } = await mountPage(PluginsPage, { role: 'viewer' })
    const row = wrapper.find('[data-testid=plugin-webhooks]')
    expect(row.find('[data-testid=plugin-status]').attributes('data-status')).toBe('started')
    expect(row.find('[data-testid=plugin-status]').text()).toBe('Running')
    expect(row.find('[data-testid=plugin-scope]').text()).toBe('All sessions')
    expect(row.find('[data-testid=plugin-permissions]').text()).toContain('Send HTTP requests to other servers')
    expect(wrapper.find('[data-testid=plugin-smartbot] [data-testid=plugin-scope]').text()).toBe('Per session')
    expect(wrapper.find('[data-testid=plugin-smartbot] [data-testid=plugin-source]').text()).toBe('npm package')
    // Read-only: the only action is reloading the list.
    expect(wrapper.findAll('button').map((button) => button.text())).toEqual(['Refresh'])
  })

  it("shows a failed plugin's error code, message and details", async () => {
    fakeApi([{ path: '/api/plugins', body: { items: [webhooks, smartbot] } }])
    const { wrapper } = await mountPage(PluginsPage)
    const row = wrapper.find('[data-testid=plugin-smartbot]')
    expect(row.find('[data-testid=plugin-status]').attributes('data-status')).toBe('failed')
    const error = row.find('[data-testid=plugin-error]')
    expect(error.text()).toContain('PLUGIN_DEPENDENCY_MISSING')
    expect(error.text()).toContain('needs crm ^2.0.0, which is not installed')
    expect(error.find('details pre').text()).toContain('dependencies.crm')
    expect(wrapper.find('[data-testid=plugin-webhooks] [data-testid=plugin-error]').exists()).toBe(false)
  })

  it('filters by status and by search text', async () => {
    fakeApi([{ path: '/api/plugins', body: { items: [webhooks, smartbot, catalog] } }])
    const { wrapper } = await mountPage(PluginsPage)
    const shownIds = () => wrapper.findAll('article').map((row) => row.attributes('data-testid'))
    expect(shownIds()).toEqual(['plugin-smartbot', 'plugin-catalog', 'plugin-webhooks'])

    await wrapper.find('input[data-testid=plugins-search]').setValue('signed http')
    expect(shownIds()).toEqual(['plugin-webhooks'])
    expect(wrapper.find('[data-testid=plugins-count]').text()).toBe('1 of 3 plugins')

    await wrapper.find('input[data-testid=plugins-search]').setValue('')
    await wrapper.find('[data-testid=plugins-status-filter]').trigger('click')
    await flushPromises()
    const failedOption = [...document.querySelectorAll<HTMLElement>('[role=option]')].find((option) => option.textContent?.includes('Failed (1)'))
    // PrimeVue's Select picks an option on mousedown.
    await new DOMWrapper(failedOption!).trigger('mousedown')
    await flushPromises()
    expect(shownIds()).toEqual(['plugin-smartbot'])
  })

  it('tells whether a plugin brings a panel module and when it failed to load in the browser', async () => {
    fakeApi([{ path: '/api/plugins', body: { items: [webhooks, catalog] } }])
    const { wrapper } = await mountPage(PluginsPage)
    useModulesStore().failures = [{ pluginId: 'catalog', message: 'Failed to fetch dynamically imported module' }]
    await flushPromises()
    expect(wrapper.find('[data-testid=plugin-catalog] [data-testid=plugin-module]').text()).toContain('Served by the server')
    expect(wrapper.find('[data-testid=plugin-catalog] [data-testid=plugin-module-failure]').text()).toContain('Failed to fetch dynamically imported module')
    expect(wrapper.find('[data-testid=plugin-webhooks] [data-testid=plugin-module]').text()).toBe('None')
    expect(wrapper.find('[data-testid=plugin-webhooks] [data-testid=plugin-module-failure]').exists()).toBe(false)
  })

  it('lists a plugin installed twice as two cards, the refused copy with its error and without the running copy\'s page', async () => {
    const refusedCopy = plugin({
      ...catalog,
      status: 'failed',
      adminModule: null,
      error: { code: 'PLUGIN_DUPLICATE_ID', message: 'plugin "catalog": is installed twice: /a/catalog and /b/catalog; the second is refused', details: {} },
    })
    fakeApi([{ path: '/api/plugins', body: { items: [catalog, refusedCopy] } }])
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { wrapper } = await mountPage(PluginsPage)
    useModulesStore().failures = [{ pluginId: 'catalog', message: 'Failed to fetch dynamically imported module' }]
    await flushPromises()

    const cards = wrapper.findAll('[data-testid=plugin-catalog]')
    expect(cards.map((card) => card.find('[data-testid=plugin-status]').attributes('data-status')).sort()).toEqual(['failed', 'started'])
    const refused = cards.find((card) => card.find('[data-testid=plugin-status]').attributes('data-status') === 'failed')!
    expect(refused.text()).toContain('installed twice')
    expect(refused.find('[data-testid=plugin-module-failure]').exists()).toBe(false)
    expect(refused.find('a.plugin-card__open').exists()).toBe(false)
    expect(warnings.mock.calls.filter(([message]) => String(message).includes('Duplicate keys'))).toEqual([])
  })

  it('shows an error with a retry when the list cannot be read', async () => {
    const calls = fakeApi([{ path: '/api/plugins', status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Something broke' } } }])
    const { wrapper } = await mountPage(PluginsPage)
    expect(wrapper.find('[data-testid=state-error]').text()).toContain('Something broke')
    await wrapper.find('[data-testid=state-error] button').trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.url === '/api/plugins')).toHaveLength(2)
  })
})
