import ConfirmDialog from 'primevue/confirmdialog'
import Toast from 'primevue/toast'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import type { User } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage } from '../../testing/mount-page.ts'
import UsersPage from './UsersPage.vue'

function user(overrides: Partial<User>): User {
  return { id: 'u2', email: 'ada@example.com', name: 'Ada', role: 'agent', sessions: ['shop'], disabled: false, createdAt: '2026-01-01T00:00:00.000Z', lastLoginAt: null, ...overrides }
}

const listRoutes = [
  { path: '/api/users', body: { items: [user({ id: 'u1', email: 'admin@example.com', name: 'Admin', role: 'admin', sessions: [] }), user({})] } },
  { path: '/api/sessions/list', body: { items: [{ clientId: 'shop', name: 'Shop' }] } },
]
const inline = { global: { stubs: { teleport: true } } }
/** Text without the Unicode isolates that keep names readable inside Arabic sentences. */
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '')
/** The page with the confirmation dialog and toasts App.vue mounts around every page. */
const UsersPageInApp = defineComponent({ render: () => [h(UsersPage), h(ConfirmDialog), h(Toast)] })

describe('UsersPage', { timeout: 20_000 }, () => {
  it('lists users with their role, grants and last sign-in', async () => {
    fakeApi(listRoutes)
    const { wrapper } = await mountPage(UsersPage, inline)
    const ada = wrapper.find('[data-testid="user-row-ada@example.com"]')
    expect(ada.text()).toContain('Agent')
    expect(ada.text()).toContain('Shop')
    expect(ada.text()).toContain('Never')
    expect(wrapper.find('[data-testid="user-row-admin@example.com"]').text()).toContain('All sessions')
    wrapper.unmount()
  })

  it('shows the server’s field errors on the fields of the new user form', async () => {
    const calls = fakeApi([
      ...listRoutes,
      {
        method: 'POST',
        path: '/api/users',
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid input', details: [{ field: 'body.name', message: 'too long for us' }, { field: 'body.sessions[0]', message: 'unknown session "gone"' }] } },
      },
    ])
    const { wrapper } = await mountPage(UsersPage, inline)
    await wrapper.find('[data-testid=user-create]').trigger('click')
    await wrapper.find('#user-name').setValue('Grace')
    await wrapper.find('#user-email').setValue('grace@example.com')
    await wrapper.find('#user-password').setValue('short')
    await wrapper.find('[data-testid=user-form]').trigger('submit')
    // The form's own check comes first: the server's minimum password length.
    expect(wrapper.find('[data-testid=user-form]').text()).toContain('must have at least 12 characters')
    expect(calls.some((call) => call.method === 'POST')).toBe(false)

    await wrapper.find('#user-password').setValue('a long enough password')
    await wrapper.find('[data-testid=user-form]').trigger('submit')
    await flushPromises()
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ name: 'Grace', email: 'grace@example.com', password: 'a long enough password', role: 'agent', sessions: [] })
    const errors = wrapper.findAll('[data-testid=field-error]').map((node) => [node.attributes('id'), plain(node.text())])
    expect(errors).toEqual([
      ['user-name-error', 'too long for us'],
      ['user-sessions-error', 'unknown session “gone”'],
    ])
    wrapper.unmount()
  })

  it('says the e-mail is taken on the e-mail field', async () => {
    fakeApi([...listRoutes, { method: 'POST', path: '/api/users', status: 409, body: { error: { code: 'USER_EMAIL_TAKEN', message: 'a user with e-mail ada@example.com exists', details: { field: 'body.email' } } } }])
    const { wrapper } = await mountPage(UsersPage, inline)
    await wrapper.find('[data-testid=user-create]').trigger('click')
    await wrapper.find('#user-name').setValue('Ada again')
    await wrapper.find('#user-email').setValue('ada@example.com')
    await wrapper.find('#user-password').setValue('a long enough password')
    await wrapper.find('[data-testid=user-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('#user-email-error').text()).toBe('a user with this e-mail already exists')
    wrapper.unmount()
  })

  it('shows the server’s refusal to delete the last admin', async () => {
    fakeApi([
      ...listRoutes,
      { method: 'DELETE', path: '/api/users/u2', status: 400, body: { error: { code: 'LAST_ADMIN', message: 'Invalid input', details: [{ field: 'params.id', message: 'this is the last active admin' }] } } },
    ])
    const { wrapper } = await mountPage(UsersPageInApp, inline)
    await wrapper.find('[data-testid="user-delete-ada@example.com"]').trigger('click')
    await flushPromises()
    expect(plain(wrapper.text())).toContain('Ada (ada@example.com) will be deleted')
    await wrapper.find('.p-confirmdialog-accept-button').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('This is the last active admin: WaQtor must keep one.')
    wrapper.unmount()
  })

  it('gives a viewer no way to change users', async () => {
    fakeApi(listRoutes)
    const { wrapper } = await mountPage(UsersPage, { role: 'viewer', ...inline })
    expect(wrapper.find('[data-testid="user-row-ada@example.com"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=user-create]').exists()).toBe(false)
    expect(wrapper.findAll('button').map((button) => button.attributes('aria-label')).filter(Boolean)).toEqual([])
    wrapper.unmount()
  })
})
