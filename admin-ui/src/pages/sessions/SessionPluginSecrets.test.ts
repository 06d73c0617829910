import { describe, expect, it } from 'vitest'
import type { SessionPluginState } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import SessionPluginBlock from './SessionPluginBlock.vue'
import type { SessionPlugin } from './use-session-plugins.ts'

const crmSchema = {
  type: 'object',
  required: ['apiKey'],
  properties: {
    apiKey: { type: 'string', writeOnly: true, title: 'API key' },
    crm: { type: 'object', properties: { endpoint: { type: 'string' }, webhookToken: { type: 'string', 'x-secret': true } } },
    greeting: { type: 'string' },
  },
}

/** What the server answers: no secret value anywhere, only whether each is set. */
function crm(overrides: Partial<SessionPluginState> = {}): SessionPlugin {
  return {
    pluginId: 'crm-sync', sessionId: 'shop', enabled: true,
    settings: { greeting: 'Hi', crm: { endpoint: 'https://crm.example.com' } },
    effectiveSettings: { greeting: 'Hi', crm: { endpoint: 'https://crm.example.com' } },
    configSchema: crmSchema,
    secrets: { apiKey: { set: true, source: 'session' }, 'crm.webhookToken': { set: true, source: 'global' } },
    info: null,
    ...overrides,
  }
}

const secretInput = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], path: string) => wrapper.get<HTMLInputElement>(`#session-plugin-crm-sync-${path.replaceAll('.', '-')}`)

describe('secret settings in a session plugin form', () => {
  it('shows a password box with whether each secret is set, never a value', async () => {
    fakeApi([])
    const { wrapper } = await mountPage(SessionPluginBlock, { props: { plugin: crm(), clientId: 'shop' } })
    expect(secretInput(wrapper, 'apiKey').attributes('type')).toBe('password')
    expect(secretInput(wrapper, 'apiKey').element.value).toBe('')
    expect(secretInput(wrapper, 'apiKey').attributes('placeholder')).toBe('•••••••• (unchanged)')
    expect(wrapper.get('[data-testid="secret-state-apiKey"]').text()).toBe('Set')
    expect(wrapper.get('[data-testid="secret-state-crm.webhookToken"]').text()).toBe('Set in the configuration file')
    expect(wrapper.get('[data-testid="schema-field-apiKey"]').text()).toContain('Leave empty to keep it')
    // A global secret lives in the config file: nothing to clear here.
    expect(wrapper.find('[data-testid="secret-clear-crm.webhookToken"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('saves other settings without re-typing a secret: the secret is left out of the request', async () => {
    const calls = fakeApi([{ method: 'PUT', path: '/api/sessions/shop/plugins/crm-sync', body: crm() }])
    const { wrapper } = await mountPage(SessionPluginBlock, { props: { plugin: crm(), clientId: 'shop' } })
    await wrapper.get('#session-plugin-crm-sync-greeting').setValue('Welcome')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const put = calls.find((call) => call.method === 'PUT')
    expect(put?.body).toEqual({ settings: { greeting: 'Welcome', crm: { endpoint: 'https://crm.example.com' } } })
    wrapper.unmount()
  })

  it('lets an admin replace a secret or clear it explicitly', async () => {
    const calls = fakeApi([{ method: 'PUT', path: '/api/sessions/shop/plugins/crm-sync', body: crm() }])
    const { wrapper } = await mountPage(SessionPluginBlock, { props: { plugin: crm(), clientId: 'shop' } })
    await wrapper.get('[data-testid="secret-clear-apiKey"]').trigger('click')
    expect(wrapper.get('[data-testid="secret-state-apiKey"]').text()).toBe('Cleared when you save')
    expect(secretInput(wrapper, 'apiKey').attributes('disabled')).toBeDefined()
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      { settings: { greeting: 'Hi', crm: { endpoint: 'https://crm.example.com' } }, clearSecrets: ['apiKey'] },
    ])
    wrapper.unmount()

    const replaced = fakeApi([{ method: 'PUT', path: '/api/sessions/shop/plugins/crm-sync', body: crm() }])
    const second = await mountPage(SessionPluginBlock, { props: { plugin: crm(), clientId: 'shop' } })
    await secretInput(second.wrapper, 'crm.webhookToken').setValue('new-token-123')
    await second.wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(replaced.find((call) => call.method === 'PUT')?.body).toMatchObject({ settings: { crm: { endpoint: 'https://crm.example.com', webhookToken: 'new-token-123' } } })
    second.wrapper.unmount()
  })

  it('keeps secrets locked for an agent, in Arabic', async () => {
    fakeApi([])
    const { wrapper } = await mountPage(SessionPluginBlock, { role: 'agent', locale: 'ar', props: { plugin: crm({ secrets: { apiKey: { set: false, source: null }, 'crm.webhookToken': { set: false, source: null } } }), clientId: 'shop' } })
    expect(secretInput(wrapper, 'apiKey').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="secret-state-apiKey"]').text()).toBe('غير مُعيَّن')
    expect(wrapper.get('[data-testid="schema-field-apiKey"]').text()).toContain('لا يمكن تعيين هذا السر أو مسحه إلا للمسؤول.')
    expect(wrapper.find('[data-testid="secret-clear-apiKey"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
