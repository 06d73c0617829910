import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel, type TestResponse } from '../testing/index.ts'

interface UserView {
  id: string
  email: string
  name: string
  role: string
  sessions: string[]
  disabled: boolean
}

function expectError(response: TestResponse, status: number, code: string): unknown {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  const body = response.body as { error: { code: string; details: unknown } }
  expect(body.error.code).toBe(code)
  return body.error.details
}

let counter = 0
function newUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { email: `person${++counter}@test.local`, name: 'Person', password: 'a-long-enough-password', role: 'agent', ...overrides }
}

describe('user management', () => {
  let harness: TestKernel
  let adminId: string
  let adminKey: string

  beforeAll(async () => {
    harness = await createTestKernel()
    adminId = (await harness.request<{ id: string }>('GET', '/api/auth/me')).body.id
    // An admin key is a caller that is not itself a user, so it can act on the last admin.
    adminKey = (await harness.createApiKey('admin')).key
  })
  afterAll(async () => {
    await harness.close()
  })

  it('creates a user who can then log in, and lists and reads them', async () => {
    const input = newUser({ email: 'Mixed.Case@Test.Local', role: 'viewer' })
    const created = await harness.request<UserView>('POST', '/api/users', { body: input })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ email: 'mixed.case@test.local', role: 'viewer', sessions: [], disabled: false })
    expect(JSON.stringify(created.body)).not.toContain('password')

    expect((await harness.request<UserView>('GET', `/api/users/${created.body.id}`)).body.email).toBe('mixed.case@test.local')
    const list = await harness.request<{ items: UserView[] }>('GET', '/api/users')
    expect(list.body.items.map((user) => user.id)).toContain(created.body.id)
    const login = await harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: 'MIXED.case@test.local', password: input.password } })
    expect(login.status).toBe(200)
  })

  it('refuses a second user with the same e-mail, whatever its case', async () => {
    const input = newUser()
    expect((await harness.request('POST', '/api/users', { body: input })).status).toBe(201)
    const again = await harness.request('POST', '/api/users', { body: { ...input, email: String(input.email).toUpperCase() } })
    expect(expectError(again, 409, 'USER_EMAIL_TAKEN')).toEqual({ field: 'body.email' })
  })

  it('names the field when the e-mail or password is bad', async () => {
    const badEmail = await harness.request('POST', '/api/users', { body: newUser({ email: 'not-an-email' }) })
    expect(expectError(badEmail, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.email', message: expect.any(String) }])
    const shortPassword = await harness.request('POST', '/api/users', { body: newUser({ password: 'short' }) })
    expect(expectError(shortPassword, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.password', message: 'at least 12 characters' }])
  })

  it('refuses unknown fields when changing a user', async () => {
    const created = await harness.request<UserView>('POST', '/api/users', { body: newUser() })
    const patched = await harness.request('PATCH', `/api/users/${created.body.id}`, { body: { name: 'Renamed', isAdmin: true } })
    expect(expectError(patched, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.isAdmin', message: 'unknown field' }])
    expect((await harness.request<UserView>('GET', `/api/users/${created.body.id}`)).body.name).toBe('Person')
  })

  it('changes name, role and grants', async () => {
    await harness.createSession('s1')
    const created = await harness.request<UserView>('POST', '/api/users', { body: newUser() })
    const patched = await harness.request<UserView>('PATCH', `/api/users/${created.body.id}`, { body: { name: 'Renamed', role: 'viewer', sessions: ['s1'] } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: 'Renamed', role: 'viewer', sessions: ['s1'] })
    expect((await harness.request<UserView>('GET', `/api/users/${created.body.id}`)).body).toMatchObject({ name: 'Renamed', role: 'viewer' })
  })

  it('ends the logins of a user who is disabled, and refuses their password until re-enabled', async () => {
    const user = await harness.createUser('agent')
    expect((await harness.request('GET', '/api/auth/me', { token: user.token })).status).toBe(200)

    expect((await harness.request('PATCH', `/api/users/${user.id}`, { body: { disabled: true } })).status).toBe(200)
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
    const refused = await harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: user.email, password: user.password } })
    expectError(refused, 401, 'INVALID_CREDENTIALS')

    expect((await harness.request('PATCH', `/api/users/${user.id}`, { body: { disabled: false } })).status).toBe(200)
    const again = await harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: user.email, password: user.password } })
    expect(again.status).toBe(200)
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
  })

  it('ends the logins of a user whose password an admin resets', async () => {
    const user = await harness.createUser('viewer')
    expect((await harness.request('PATCH', `/api/users/${user.id}`, { body: { password: 'a-brand-new-password' } })).status).toBe(200)
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
    const login = await harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: user.email, password: 'a-brand-new-password' } })
    expect(login.status).toBe(200)
  })

  it('deletes a user, ending their logins', async () => {
    const user = await harness.createUser('agent')
    expect((await harness.request('DELETE', `/api/users/${user.id}`)).status).toBe(204)
    expectError(await harness.request('GET', '/api/auth/me', { token: user.token }), 401, 'INVALID_CREDENTIALS')
    expectError(await harness.request('GET', `/api/users/${user.id}`), 404, 'USER_NOT_FOUND')
    expectError(await harness.request('DELETE', `/api/users/${user.id}`), 404, 'USER_NOT_FOUND')
  })

  it('stores passwords as argon2id hashes only', async () => {
    const password = 'plain-text-must-not-be-stored'
    const user = await harness.request<UserView>('POST', '/api/users', { body: newUser({ password }) })
    const rows: Array<Record<string, unknown>> = await harness.kernel.orm.em.fork().getConnection().execute('select * from users')
    const row = rows.find((candidate) => candidate.id === user.body.id)
    expect(Object.values(row ?? {}).some((value) => typeof value === 'string' && value.startsWith('$argon2id$'))).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(password)
  })

  it('keeps the last active admin: it cannot be demoted, disabled or deleted', async () => {
    // Only the seeded admin is an admin user; the admin key acts on it.
    const demote = await harness.request('PATCH', `/api/users/${adminId}`, { apiKey: adminKey, body: { role: 'agent' } })
    expect(expectError(demote, 400, 'LAST_ADMIN')).toEqual([{ field: 'body.role', message: expect.any(String) }])
    const disable = await harness.request('PATCH', `/api/users/${adminId}`, { apiKey: adminKey, body: { disabled: true } })
    expect(expectError(disable, 400, 'LAST_ADMIN')).toEqual([{ field: 'body.disabled', message: expect.any(String) }])
    const remove = await harness.request('DELETE', `/api/users/${adminId}`, { apiKey: adminKey })
    expect(expectError(remove, 400, 'LAST_ADMIN')).toEqual([{ field: 'params.id', message: expect.any(String) }])
    expect((await harness.request<UserView>('GET', `/api/users/${adminId}`)).body).toMatchObject({ role: 'admin', disabled: false })
  })

  it('counts only active admins: a disabled second admin does not save the last active one', async () => {
    const second = await harness.createUser('admin')
    expect((await harness.request('PATCH', `/api/users/${second.id}`, { body: { disabled: true } })).status).toBe(200)
    expectError(await harness.request('PATCH', `/api/users/${adminId}`, { apiKey: adminKey, body: { role: 'viewer' } }), 400, 'LAST_ADMIN')

    // Once the second admin is active again, either admin may lose the role.
    expect((await harness.request('PATCH', `/api/users/${second.id}`, { body: { disabled: false } })).status).toBe(200)
    const demoted = await harness.request<UserView>('PATCH', `/api/users/${second.id}`, { apiKey: adminKey, body: { role: 'viewer' } })
    expect(demoted.status).toBe(200)
    expect(demoted.body.role).toBe('viewer')
  })

  it('refuses to let an admin delete or disable themselves', async () => {
    const token = harness.admin.token
    const other = await harness.createUser('admin')
    const disable = await harness.request('PATCH', `/api/users/${adminId}`, { token, body: { disabled: true } })
    expect(expectError(disable, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.disabled', message: 'you cannot disable yourself' }])
    const remove = await harness.request('DELETE', `/api/users/${adminId}`, { token })
    expect(expectError(remove, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'params.id', message: 'you cannot delete yourself' }])
    expect((await harness.request('GET', '/api/auth/me', { token })).status).toBe(200)
    expect((await harness.request('DELETE', `/api/users/${other.id}`, { token })).status).toBe(204)
  })
})
