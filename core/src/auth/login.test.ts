import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel, type TestResponse } from '../testing/index.ts'

function expectError(response: TestResponse, status: number, code: string): unknown {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  const body = response.body as { error: { code: string; details: unknown } }
  expect(body.error.code).toBe(code)
  return body.error.details
}

/** The `waqtor_token` cookie from a response: its value and lower-cased attributes. */
function tokenCookie(response: TestResponse): { value: string; attributes: string[] } | undefined {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('waqtor_token='))
  if (!cookie) return undefined
  const [pair = '', ...attributes] = cookie.split(';').map((part) => part.trim())
  return { value: pair.slice('waqtor_token='.length), attributes: attributes.map((attribute) => attribute.toLowerCase()) }
}

describe('login, logout and password change', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterAll(async () => {
    await harness.close()
  })

  const login = (email: string, password: string) =>
    harness.request<{ token: string; expiresAt: string; user: { email: string; role: string } }>('POST', '/api/auth/login', { anonymous: true, body: { email, password } })

  it('gives the same answer to a wrong password and to an unknown e-mail', async () => {
    const wrongPassword = await login(harness.admin.email, 'not-the-password')
    const unknownEmail = await login('nobody@test.local', 'not-the-password')
    expectError(wrongPassword, 401, 'INVALID_CREDENTIALS')
    expectError(unknownEmail, 401, 'INVALID_CREDENTIALS')
    expect(unknownEmail.body).toEqual(wrongPassword.body)
    expect(tokenCookie(wrongPassword)).toBeUndefined()
  })

  it('returns a token and the user, and sets it as an httpOnly SameSite=Strict cookie', async () => {
    const response = await login(harness.admin.email, harness.admin.password)
    expect(response.status).toBe(200)
    expect(response.body.user).toMatchObject({ email: harness.admin.email, role: 'admin' })
    expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now())
    const cookie = tokenCookie(response)
    expect(cookie?.value).toBe(response.body.token)
    expect(cookie?.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']))
  })

  it('accepts the cookie alone as credentials', async () => {
    const response = await login(harness.admin.email, harness.admin.password)
    const me = await harness.request<{ kind: string; role: string }>('GET', '/api/auth/me', {
      anonymous: true,
      headers: { cookie: `waqtor_token=${tokenCookie(response)?.value ?? ''}` },
    })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ kind: 'user', role: 'admin' })
  })

  it('validates the login body before checking anything', async () => {
    const response = await harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: 'not-an-email' } })
    expect(expectError(response, 400, 'VALIDATION_FAILED')).toEqual([
      { field: 'body.email', message: expect.any(String) },
      { field: 'body.password', message: 'is required' },
    ])
  })

  it('ends only the login used for logout, and clears the cookie', async () => {
    const user = await harness.createUser('viewer')
    const other = await login(user.email, user.password)
    const logout = await harness.request('POST', '/api/auth/logout', { token: user.token })
    expect(logout.status).toBe(204)
    expect(tokenCookie(logout)?.value).toBe('')
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
    expect((await harness.request('GET', '/api/auth/me', { token: other.body.token })).status).toBe(200)
  })

  it('logs out a panel session that only sends the cookie', async () => {
    const user = await harness.createUser('viewer')
    const cookie = { cookie: `waqtor_token=${user.token}` }
    expect((await harness.request('POST', '/api/auth/logout', { anonymous: true, headers: cookie })).status).toBe(204)
    expectError(await harness.request('GET', '/api/auth/me', { anonymous: true, headers: cookie }), 401, 'INVALID_CREDENTIALS')
  })

  it('refuses a password change with the wrong current password, naming the field', async () => {
    const user = await harness.createUser('agent')
    const response = await harness.request('POST', '/api/auth/password', { token: user.token, body: { currentPassword: 'wrong-password', newPassword: 'another-long-password' } })
    expect(expectError(response, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.currentPassword', message: 'is wrong' }])
    const tooShort = await harness.request('POST', '/api/auth/password', { token: user.token, body: { currentPassword: user.password, newPassword: 'short' } })
    expect(expectError(tooShort, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.newPassword', message: 'at least 12 characters' }])
    // Neither refusal changed anything.
    expect((await harness.request('GET', '/api/auth/me', { token: user.token })).status).toBe(200)
    expect((await login(user.email, user.password)).status).toBe(200)
  })

  it('changes the password: a new token works, every old login and the old password stop working', async () => {
    const user = await harness.createUser('agent')
    const elsewhere = await login(user.email, user.password)
    const newPassword = 'a-fresh-long-password'
    const changed = await harness.request<{ token: string }>('POST', '/api/auth/password', { token: user.token, body: { currentPassword: user.password, newPassword } })
    expect(changed.status).toBe(200)
    expect(changed.body.token).not.toBe(user.token)
    expect(tokenCookie(changed)?.value).toBe(changed.body.token)

    expect((await harness.request('GET', '/api/auth/me', { token: changed.body.token })).status).toBe(200)
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
    expectError(await harness.request('GET', '/api/auth/me', { token: elsewhere.body.token }), 401, 'INVALID_CREDENTIALS')
    expectError(await login(user.email, user.password), 401, 'INVALID_CREDENTIALS')
    expect((await login(user.email, newPassword)).status).toBe(200)
  })

  it('refuses a password change to API keys, which have no password', async () => {
    const key = await harness.createApiKey('admin')
    const response = await harness.request('POST', '/api/auth/password', { apiKey: key.key, body: { currentPassword: 'whatever', newPassword: 'another-long-password' } })
    expectError(response, 403, 'USERS_ONLY')
  })
})
