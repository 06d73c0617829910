import Toast from 'primevue/toast'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { ApiKey } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import ApiKeysPage from './ApiKeysPage.vue'

function key(overrides: Partial<ApiKey>): ApiKey {
  return { id: 'k1', name: 'CRM sync', prefix: 'wq_abcdefgh', role: 'agent', sessions: ['shop'], createdBy: 'u1', createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null, expiresAt: null, revokedAt: null, ...overrides }
}

const secret = 'wq_abcdefgh-the-whole-secret-0123456789'
const baseRoutes = [
  { path: '/api/keys?includeRevoked=true', body: { items: [key({}), key({ id: 'k0', name: 'Old', revokedAt: '2026-01-02T00:00:00.000Z' })] } },
  { path: '/api/keys?includeRevoked=false', body: { items: [key({})] } },
  { path: '/api/users', body: { items: [{ id: 'u1', name: 'Admin', email: 'admin@example.com', role: 'admin', sessions: [], disabled: false, createdAt: '2026-01-01T00:00:00.000Z', lastLoginAt: null }] } },
  { path: '/api/sessions/list', body: { items: [{ clientId: 'shop', name: 'Shop' }] } },
]
const inline = { global: { stubs: { teleport: true } } }
const PageWithToasts = defineComponent({ render: () => [h(ApiKeysPage), h(Toast)] })

describe('ApiKeysPage', { timeout: 20_000 }, () => {
  it('shows a new key’s secret once, with a copy button, and forgets it when closed', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const calls = fakeApi([...baseRoutes, { method: 'POST', path: '/api/keys', status: 201, body: { ...key({ id: 'k2', name: 'Shop bot' }), key: secret } }])
    const { wrapper } = await mountPage(PageWithToasts, inline)
    expect(wrapper.find('[data-testid=key-row-k1]').text()).toContain('Admin')

    await wrapper.find('[data-testid=key-create]').trigger('click')
    await wrapper.find('#key-name').setValue('Shop bot')
    await wrapper.find('[data-testid=key-form]').trigger('submit')
    await flushPromises()
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ name: 'Shop bot', role: 'agent', sessions: [] })

    const shown = wrapper.find('[data-testid=key-secret]')
    expect(shown.text()).toContain('It will not be shown again')
    expect((wrapper.find('[data-testid=key-secret-value]').element as HTMLInputElement).value).toBe(secret)
    await wrapper.find('[data-testid=key-copy]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(secret)
    expect(wrapper.text()).toContain('Key copied to the clipboard')

    await wrapper.find('[data-testid=key-secret-done]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=key-secret]').exists()).toBe(false)
    expect(wrapper.html()).not.toContain(secret)
    wrapper.unmount()
  })

  it('lists revoked keys only when asked', async () => {
    const calls = fakeApi(baseRoutes)
    const { wrapper } = await mountPage(ApiKeysPage, inline)
    expect(wrapper.find('[data-testid=key-row-k0]').exists()).toBe(false)
    await wrapper.find('[data-testid=keys-show-revoked] input').setValue(true)
    await flushPromises()
    expect(calls.at(-1)?.url).toBe('/api/keys?includeRevoked=true')
    expect(wrapper.find('[data-testid=key-row-k0]').text()).toContain('Revoked')
    expect(wrapper.find('[data-testid=key-revoke-k0]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=key-revoke-k1]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('gives a viewer no way to create or revoke keys', async () => {
    fakeApi(baseRoutes)
    const { wrapper } = await mountPage(ApiKeysPage, { role: 'viewer', ...inline })
    expect(wrapper.find('[data-testid=key-row-k1]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=key-create]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=key-revoke-k1]').exists()).toBe(false)
    wrapper.unmount()
  })
})
