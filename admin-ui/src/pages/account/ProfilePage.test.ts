import { describe, expect, it } from 'vitest'
import type { Me } from '../../api/types.ts'
import { useAuthStore } from '../../stores/auth-store.ts'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import ProfilePage from './ProfilePage.vue'

const me: Me = {
  kind: 'user',
  id: 'u1',
  name: 'ada@example.com',
  role: 'viewer',
  sessions: ['shop'],
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', role: 'viewer', sessions: ['shop'], disabled: false, createdAt: '2026-01-01T00:00:00.000Z', lastLoginAt: null },
}

async function mountProfile() {
  const mounted = await mountPage(ProfilePage, { role: 'viewer' })
  useAuthStore().me = me
  await flushPromises()
  return mounted
}

async function fillPassword(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], current: string, next: string, confirm = next) {
  await wrapper.find('#profile-current-password').setValue(current)
  await wrapper.find('#profile-new-password').setValue(next)
  await wrapper.find('#profile-confirm-password').setValue(confirm)
  await wrapper.find('[data-testid=profile-password-form]').trigger('submit')
  await flushPromises()
}

describe('ProfilePage', { timeout: 20_000 }, () => {
  it('shows who you are and which sessions you may use', async () => {
    fakeApi([{ path: '/api/sessions/list', body: { items: [{ clientId: 'shop', name: 'Shop front' }] } }])
    const { wrapper } = await mountProfile()
    expect(wrapper.find('[data-testid=profile-name]').text()).toBe('Ada Lovelace')
    expect(wrapper.find('[data-testid=profile-email]').text()).toBe('ada@example.com')
    expect(wrapper.find('[data-testid=profile-details]').text()).toContain('Viewer')
    expect(wrapper.find('[data-testid=profile-details]').text()).toContain('Shop front')
    wrapper.unmount()
  })

  it('puts the server’s “is wrong” on the current password field', async () => {
    const calls = fakeApi([
      { path: '/api/sessions/list', body: { items: [] } },
      { method: 'POST', path: '/api/auth/password', status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid input', details: [{ field: 'body.currentPassword', message: 'is wrong' }] } } },
    ])
    const { wrapper } = await mountProfile()
    await fillPassword(wrapper, 'not my password', 'a brand new passphrase')
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' })
    expect(wrapper.find('#profile-current-password-error').text()).toBe('is wrong')
    expect(wrapper.findAll('[data-testid=field-error]')).toHaveLength(1)
    wrapper.unmount()
  })

  it('checks the length and the repetition before asking the server', async () => {
    const calls = fakeApi([{ path: '/api/sessions/list', body: { items: [] } }])
    const { wrapper } = await mountProfile()
    await fillPassword(wrapper, 'old password here', 'too short', 'different')
    expect(wrapper.find('#profile-new-password-error').text()).toBe('must have at least 12 characters')
    expect(wrapper.find('#profile-confirm-password-error').text()).toBe('does not match the new password')
    expect(calls.some((call) => call.method === 'POST')).toBe(false)
    wrapper.unmount()
  })

  it('shows the Arabic message for a wrong current password', async () => {
    fakeApi([
      { path: '/api/sessions/list', body: { items: [] } },
      { method: 'POST', path: '/api/auth/password', status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid input', details: [{ field: 'body.currentPassword', message: 'is wrong' }] } } },
    ])
    const { wrapper } = await mountPage(ProfilePage, { role: 'viewer', locale: 'ar' })
    useAuthStore().me = me
    await flushPromises()
    await fillPassword(wrapper, 'not my password', 'a brand new passphrase')
    expect(wrapper.find('#profile-current-password-error').text()).toBe('غير صحيحة')
    wrapper.unmount()
  })
})
