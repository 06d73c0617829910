import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type RequestOptions, type TestKernel, type TestResponse } from '../testing/index.ts'

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/plugins')

function expectForbidden(response: TestResponse): void {
  expect(response.status, JSON.stringify(response.body)).toBe(403)
  expect(response.body).toEqual({ error: { code: 'FORBIDDEN_ROLE', message: expect.stringContaining('admin'), details: null } })
}

describe('roles: admin manages, agent works, viewer reads', () => {
  let harness: TestKernel
  let viewer: RequestOptions
  let agent: RequestOptions
  let agentKey: RequestOptions

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [examplesDir] })
    await harness.createSession('a')
    viewer = { token: (await harness.createUser('viewer', ['a'])).token }
    agent = { token: (await harness.createUser('agent', ['a'])).token }
    agentKey = { apiKey: (await harness.createApiKey('agent', ['a'])).key }
  })
  afterAll(async () => {
    await harness.close()
  })

  it('lets a viewer read a granted session but not change its plugins', async () => {
    expect((await harness.request('GET', '/api/sessions/a/plugins', viewer)).status).toBe(200)
    const refused = await harness.request('PUT', '/api/sessions/a/plugins/x', { ...viewer, body: { enabled: true } })
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({ error: { code: 'FORBIDDEN_ROLE', message: expect.stringContaining('viewer'), details: null } })
    const unchanged = await harness.request<{ enabled: boolean }>('PUT', '/api/sessions/a/plugins/contact-counter', { ...viewer, body: { enabled: true } })
    expect(unchanged.status).toBe(403)
    expect((await harness.request<{ enabled: boolean }>('GET', '/api/sessions/a/plugins/contact-counter', viewer)).body.enabled).toBe(false)
  })

  it('lets an agent change plugins of a granted session', async () => {
    const changed = await harness.request<{ enabled: boolean }>('PUT', '/api/sessions/a/plugins/contact-counter', { ...agent, body: { enabled: true } })
    expect(changed.status).toBe(200)
    expect(changed.body.enabled).toBe(true)
  })

  it('refuses user and key management to agents and viewers, user or key', async () => {
    const user = { email: `new-${Date.now()}@test.local`, name: 'New', password: 'long-enough-password', role: 'admin', sessions: [] }
    for (const caller of [agent, agentKey, viewer]) {
      expectForbidden(await harness.request('POST', '/api/users', { ...caller, body: user }))
      expectForbidden(await harness.request('POST', '/api/keys', { ...caller, body: { name: 'escalate', role: 'admin' } }))
      expectForbidden(await harness.request('GET', '/api/users', caller))
      expectForbidden(await harness.request('GET', '/api/keys', caller))
    }
    const users = await harness.request<{ items: Array<{ email: string }> }>('GET', '/api/users')
    expect(users.body.items.map((item) => item.email)).not.toContain(user.email)
  })

  it('refuses to agents reading, changing or deleting a single user or key', async () => {
    const key = await harness.createApiKey('viewer')
    const me = await harness.request<{ id: string }>('GET', '/api/auth/me')
    for (const caller of [agent, agentKey]) {
      expectForbidden(await harness.request('GET', `/api/users/${me.body.id}`, caller))
      expectForbidden(await harness.request('PATCH', `/api/users/${me.body.id}`, { ...caller, body: { name: 'pwned' } }))
      expectForbidden(await harness.request('DELETE', `/api/keys/${key.id}`, caller))
    }
    expect((await harness.request('GET', '/api/auth/me', { apiKey: key.key })).status).toBe(200)
  })

  it('lets only admins list users and keys', async () => {
    const users = await harness.request<{ items: Array<{ role: string }> }>('GET', '/api/users')
    expect(users.status).toBe(200)
    expect(users.body.items.map((item) => item.role).sort()).toEqual(['admin', 'agent', 'viewer'])
    const keys = await harness.request<{ items: unknown[] }>('GET', '/api/keys')
    expect(keys.status).toBe(200)
    expect(keys.body.items.length).toBeGreaterThanOrEqual(1)
  })
})
