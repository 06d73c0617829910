import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel, type TestResponse } from '../testing/index.ts'

interface KeyView {
  id: string
  name: string
  prefix: string
  role: string
  sessions: string[] | null
  lastUsedAt: string | null
  expiresAt: string | null
  revokedAt: string | null
}

function expectError(response: TestResponse, status: number, code: string): unknown {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  const body = response.body as { error: { code: string; details: unknown } }
  expect(body.error.code).toBe(code)
  return body.error.details
}

describe('API keys', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
    await harness.createSession('a')
    await harness.createSession('b')
  })
  afterAll(async () => {
    await harness.close()
  })

  async function createKey(body: Record<string, unknown>): Promise<KeyView & { key: string }> {
    const created = await harness.request<KeyView & { key: string }>('POST', '/api/keys', { body })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    return created.body
  }

  it('shows the secret once, in the creation response only', async () => {
    const created = await createKey({ name: 'crm', role: 'agent', sessions: ['a'] })
    expect(created.key).toMatch(/^wqk_[A-Za-z0-9_-]{40,}$/)
    expect(created).toMatchObject({ name: 'crm', role: 'agent', sessions: ['a'], revokedAt: null, prefix: created.key.slice(0, 12) })

    const list = await harness.request<{ items: KeyView[] }>('GET', '/api/keys')
    const one = await harness.request<KeyView>('GET', `/api/keys/${created.id}`)
    expect(list.body.items.map((item) => item.id)).toContain(created.id)
    expect(one.status).toBe(200)
    for (const shown of [JSON.stringify(list.body), JSON.stringify(one.body)]) {
      expect(shown).not.toContain(created.key)
      expect(shown).not.toMatch(/"key(Hash)?"/)
    }
  })

  it('keeps only a hash of the secret in the database', async () => {
    const created = await createKey({ name: 'hashed', role: 'viewer' })
    const rows: Array<Record<string, unknown>> = await harness.kernel.orm.em.fork().getConnection().execute('select * from api_keys')
    const row = rows.find((candidate) => candidate.id === created.id)
    expect(row).toBeDefined()
    const values = Object.values(row ?? {}).map((value) => (value instanceof Date ? value.toISOString() : JSON.stringify(value)))
    expect(values.some((value) => value.includes(createHash('sha256').update(created.key).digest('hex')))).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(created.key)
    // The part after the shown prefix is the secret: not even a fragment of it may be stored.
    expect(JSON.stringify(rows)).not.toContain(created.key.slice(12, 30))
  })

  it('authenticates with X-Api-Key and with Authorization: Bearer, and records when it was used', async () => {
    const created = await createKey({ name: 'both-ways', role: 'viewer', sessions: ['a'] })
    const headerSets: Array<Record<string, string>> = [{ 'x-api-key': created.key }, { authorization: `Bearer ${created.key}` }]
    for (const headers of headerSets) {
      const me = await harness.request<{ kind: string; id: string; role: string; sessions: string[] }>('GET', '/api/auth/me', { anonymous: true, headers })
      expect(me.status).toBe(200)
      expect(me.body).toMatchObject({ kind: 'api-key', id: created.id, role: 'viewer', sessions: ['a'] })
    }
    const after = await harness.request<KeyView>('GET', `/api/keys/${created.id}`)
    expect(after.body.lastUsedAt).not.toBeNull()
  })

  it('stops working at once when revoked, and leaves the default listing', async () => {
    const created = await createKey({ name: 'to-revoke', role: 'agent', sessions: ['a'] })
    expect((await harness.request('GET', '/api/auth/me', { apiKey: created.key })).status).toBe(200)

    const revoked = await harness.request('DELETE', `/api/keys/${created.id}`)
    expect(revoked.status).toBe(204)
    expect(revoked.body).toBe('')
    expectError(await harness.request('GET', '/api/auth/me', { apiKey: created.key }), 401, 'INVALID_CREDENTIALS')
    expectError(await harness.request('GET', '/api/auth/me', { token: created.key }), 401, 'INVALID_CREDENTIALS')

    const active = await harness.request<{ items: KeyView[] }>('GET', '/api/keys')
    expect(active.body.items.map((item) => item.id)).not.toContain(created.id)
    const all = await harness.request<{ items: KeyView[] }>('GET', '/api/keys?includeRevoked=true')
    expect(all.body.items.find((item) => item.id === created.id)?.revokedAt).toEqual(expect.any(String))
    expectError(await harness.request('PATCH', `/api/keys/${created.id}`, { body: { name: 'revived' } }), 400, 'API_KEY_REVOKED')
  })

  it('renames a key and changes its grants, effective on its next request', async () => {
    const created = await createKey({ name: 'before', role: 'agent', sessions: ['a'] })
    expectError(await harness.request('GET', '/api/sessions/b/plugins', { apiKey: created.key }), 404, 'SESSION_NOT_FOUND')

    const patched = await harness.request<KeyView>('PATCH', `/api/keys/${created.id}`, { body: { name: 'after', sessions: ['b'] } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: 'after', sessions: ['b'] })
    expect((await harness.request<KeyView>('GET', `/api/keys/${created.id}`)).body.name).toBe('after')
    expect((await harness.request('GET', '/api/sessions/b/plugins', { apiKey: created.key })).status).toBe(200)
    expectError(await harness.request('GET', '/api/sessions/a/plugins', { apiKey: created.key }), 404, 'SESSION_NOT_FOUND')
  })

  it('refuses unknown fields and session grants on admin keys when patching', async () => {
    const admin = await createKey({ name: 'ops', role: 'admin' })
    expect(admin.sessions).toBeNull()
    expect(expectError(await harness.request('PATCH', `/api/keys/${admin.id}`, { body: { sessions: ['a'] } }), 400, 'VALIDATION_FAILED')).toEqual([
      { field: 'body.sessions', message: expect.any(String) },
    ])
    expect(expectError(await harness.request('PATCH', `/api/keys/${admin.id}`, { body: { role: 'viewer' } }), 400, 'VALIDATION_FAILED')).toEqual([
      { field: 'body.role', message: 'unknown field' },
    ])
    expect((await harness.request<KeyView>('GET', `/api/keys/${admin.id}`)).body.role).toBe('admin')
  })

  it('refuses an expiry in the past, and honours one in the future', async () => {
    const past = await harness.request('POST', '/api/keys', { body: { name: 'old', role: 'viewer', expiresAt: new Date(Date.now() - 60_000).toISOString() } })
    expect(expectError(past, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.expiresAt', message: expect.any(String) }])
    const garbage = await harness.request('POST', '/api/keys', { body: { name: 'old', role: 'viewer', expiresAt: 'tomorrow' } })
    expect(expectError(garbage, 400, 'VALIDATION_FAILED')).toEqual([{ field: 'body.expiresAt', message: expect.any(String) }])

    const expiresAt = new Date(Date.now() + 3_600_000).toISOString()
    const future = await createKey({ name: 'temp', role: 'viewer', expiresAt })
    expect(future.expiresAt).toBe(expiresAt)
    expect((await harness.request('GET', '/api/auth/me', { apiKey: future.key })).status).toBe(200)
  })

  it('answers 404 for a key that does not exist', async () => {
    for (const method of ['GET', 'DELETE']) {
      expectError(await harness.request(method, '/api/keys/00000000-0000-0000-0000-000000000000'), 404, 'API_KEY_NOT_FOUND')
    }
  })
})
