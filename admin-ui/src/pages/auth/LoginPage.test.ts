import { describe, expect, it } from 'vitest'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import LoginPage from './LoginPage.vue'

describe('LoginPage', () => {
  it('names the missing fields without calling the server', async () => {
    const calls = fakeApi([])
    const { wrapper } = await mountPage(LoginPage, { role: null })
    await wrapper.find('[data-testid=login-form]').trigger('submit')
    expect(wrapper.findAll('[data-testid=field-error]').map((node) => node.text())).toEqual(['is required', 'is required'])
    expect(calls).toEqual([])
  })

  it('says the e-mail or password is wrong on a 401', async () => {
    fakeApi([{ method: 'POST', path: '/api/auth/login', status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password' } } }])
    const { wrapper } = await mountPage(LoginPage, { role: null })
    await wrapper.find('#login-email').setValue('a@b.co')
    await wrapper.find('#login-password').setValue('nope-nope-nope')
    await wrapper.find('[data-testid=login-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid=login-error]').text()).toBe('Wrong e-mail or password')
  })

  it('signs in and goes to the page asked for', async () => {
    const calls = fakeApi([
      { method: 'POST', path: '/api/auth/login', body: { token: 't', expiresAt: '2030-01-01T00:00:00Z', user: {} } },
      { path: '/api/auth/session', body: { authenticated: true, me: { kind: 'user', id: 'u1', name: 'Ada', role: 'agent', sessions: ['shop'], user: null } } },
    ])
    const { wrapper, router } = await mountPage(LoginPage, { role: null, path: '/login?redirect=/sessions' })
    await wrapper.find('#login-email').setValue('ada@example.com')
    await wrapper.find('#login-password').setValue('correct horse battery')
    await wrapper.find('[data-testid=login-form]').trigger('submit')
    await flushPromises()
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/auth/login', body: { email: 'ada@example.com', password: 'correct horse battery' } })
    expect(router.currentRoute.value.fullPath).toBe('/sessions')
  })
})
