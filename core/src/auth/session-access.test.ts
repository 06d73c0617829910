import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type RequestOptions, type TestKernel, type TestResponse } from '../testing/index.ts'

// A session-scoped plugin, so per-session plugin listings have something in them.
const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/plugins')

type ErrorBody = { error: { code: string; message: string; details: unknown } }
type PluginList = { items: Array<{ pluginId: string; sessionId: string; enabled: boolean }> }

function expectError(response: TestResponse, status: number, code: string): ErrorBody['error'] {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  const body = response.body as ErrorBody
  expect(body.error.code).toBe(code)
  return body.error
}

describe('a user or key sees only the sessions granted to it', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [examplesDir] })
    await harness.createSession('a')
    await harness.createSession('b')
  })
  afterAll(async () => {
    await harness.close()
  })

  /** A caller refused session b must get the very answer a session that does not exist gets. */
  async function expectHiddenLikeMissing(caller: RequestOptions, method = 'GET', suffix = '', body?: unknown): Promise<void> {
    const hidden = await harness.request(method, `/api/sessions/b/plugins${suffix}`, { ...caller, body })
    const missing = await harness.request(method, `/api/sessions/zz/plugins${suffix}`, { ...caller, body })
    const hiddenError = expectError(hidden, 404, 'SESSION_NOT_FOUND')
    const missingError = expectError(missing, 404, 'SESSION_NOT_FOUND')
    expect(hiddenError.details).toEqual(missingError.details)
    expect(hiddenError.message).toBe(missingError.message.replace('zz', 'b'))
  }

  it('lets an agent key scoped to a use a, and answers b as if it did not exist', async () => {
    const { key } = await harness.createApiKey('agent', ['a'])
    const own = await harness.request<PluginList>('GET', '/api/sessions/a/plugins', { apiKey: key })
    expect(own.status).toBe(200)
    expect(own.body.items).toContainEqual(expect.objectContaining({ pluginId: 'contact-counter', sessionId: 'a' }))
    expect((await harness.request('GET', '/api/sessions/a/plugins/contact-counter', { apiKey: key })).status).toBe(200)

    await expectHiddenLikeMissing({ apiKey: key })
    await expectHiddenLikeMissing({ apiKey: key }, 'GET', '/contact-counter')
    await expectHiddenLikeMissing({ apiKey: key }, 'PUT', '/contact-counter', { enabled: true })
  })

  it('lets the scoped key change plugin settings of a, but never of b', async () => {
    const { key } = await harness.createApiKey('agent', ['a'])
    const enabled = await harness.request<{ enabled: boolean }>('PUT', '/api/sessions/a/plugins/contact-counter', { apiKey: key, body: { enabled: true } })
    expect(enabled.status).toBe(200)
    expect(enabled.body.enabled).toBe(true)

    expectError(await harness.request('PUT', '/api/sessions/b/plugins/contact-counter', { apiKey: key, body: { enabled: true } }), 404, 'SESSION_NOT_FOUND')
    const seenByAdmin = await harness.request<{ enabled: boolean }>('GET', '/api/sessions/b/plugins/contact-counter')
    expect(seenByAdmin.body.enabled).toBe(false)
  })

  it('applies the same rule to a user with role agent granted only a', async () => {
    const user = await harness.createUser('agent', ['a'])
    expect((await harness.request('GET', '/api/sessions/a/plugins', { token: user.token })).status).toBe(200)
    await expectHiddenLikeMissing({ token: user.token })
    const me = await harness.request<{ sessions: string[] }>('GET', '/api/auth/me', { token: user.token })
    expect(me.body.sessions).toEqual(['a'])
  })

  it('gives a new grant to a user on their next request, without a new login', async () => {
    const user = await harness.createUser('viewer', ['a'])
    expectError(await harness.request('GET', '/api/sessions/b/plugins', { token: user.token }), 404, 'SESSION_NOT_FOUND')
    expect((await harness.request('PATCH', `/api/users/${user.id}`, { body: { sessions: ['a', 'b'] } })).status).toBe(200)
    expect((await harness.request('GET', '/api/sessions/b/plugins', { token: user.token })).status).toBe(200)
  })

  it('lets an admin, user or key, see every session', async () => {
    const adminKey = await harness.createApiKey('admin')
    for (const caller of [{}, { apiKey: adminKey.key }]) {
      for (const session of ['a', 'b']) {
        const response = await harness.request<PluginList>('GET', `/api/sessions/${session}/plugins`, caller)
        expect(response.status).toBe(200)
        expect(response.body.items[0]?.sessionId).toBe(session)
      }
    }
  })

  it('refuses to grant a session that does not exist, naming the entry', async () => {
    const key = await harness.request('POST', '/api/keys', { body: { name: 'k', role: 'agent', sessions: ['nope', 'a'] } })
    expect(expectError(key, 400, 'VALIDATION_FAILED').details).toEqual([{ field: 'body.sessions[0]', message: expect.stringContaining('nope') }])

    const email = `grant-${Date.now()}@test.local`
    const user = await harness.request('POST', '/api/users', { body: { email, name: 'g', password: 'long-enough-password', role: 'agent', sessions: ['a', 'ghost'] } })
    expect(expectError(user, 400, 'VALIDATION_FAILED').details).toEqual([{ field: 'body.sessions[1]', message: expect.stringContaining('ghost') }])
    // Nothing was created by the refused requests.
    const users = await harness.request<{ items: Array<{ email: string }> }>('GET', '/api/users')
    expect(users.body.items.map((item) => item.email)).not.toContain(email)
  })

  it('refuses to change grants to a session that does not exist', async () => {
    const key = await harness.createApiKey('agent', ['a'])
    const patched = await harness.request('PATCH', `/api/keys/${key.id}`, { body: { sessions: ['missing'] } })
    expect(expectError(patched, 400, 'VALIDATION_FAILED').details).toEqual([{ field: 'body.sessions[0]', message: expect.any(String) }])
    expect((await harness.request('GET', '/api/sessions/a/plugins', { apiKey: key.key })).status).toBe(200)
  })
})
