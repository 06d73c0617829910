import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../logging/create-logger.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'

interface LogLine {
  msg?: string
  path?: string
  status?: number
  caller?: string
}

describe('secrets never reach the logs', () => {
  const lines: string[] = []
  const secrets: Record<string, string> = {}
  let harness: TestKernel

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean))
        done()
      },
    })
    harness = await createTestKernel({ logger: createLogger('debug', destination) })
    secrets.adminPassword = harness.admin.password
    secrets.adminToken = harness.admin.token

    // Everything a user does with secrets: log in (also failing), make a key and use it both ways,
    // change a password, log in with it, log out.
    const wrong = await harness.request('POST', '/api/auth/login', { anonymous: true, body: { email: harness.admin.email, password: 'wrong-but-secret-guess' } })
    expect(wrong.status).toBe(401)
    secrets.wrongPassword = 'wrong-but-secret-guess'

    const key = await harness.request<{ id: string; key: string }>('POST', '/api/keys', { body: { name: 'logged', role: 'admin' } })
    secrets.apiKey = key.body.key
    expect((await harness.request('GET', '/api/auth/me', { apiKey: key.body.key })).status).toBe(200)
    expect((await harness.request('GET', '/api/users', { token: key.body.key })).status).toBe(200)
    expect((await harness.request('GET', '/api/users', { anonymous: true, headers: { authorization: `Bearer ${key.body.key}x` } })).status).toBe(401)

    secrets.newPassword = 'a-new-admin-password-5678'
    const changed = await harness.request<{ token: string }>('POST', '/api/auth/password', { body: { currentPassword: harness.admin.password, newPassword: secrets.newPassword } })
    expect(changed.status).toBe(200)
    secrets.changedToken = changed.body.token
    expect((await harness.request('GET', '/api/auth/me', { anonymous: true, headers: { cookie: `waqtor_token=${changed.body.token}` } })).status).toBe(200)

    const login = await harness.request<{ token: string }>('POST', '/api/auth/login', { anonymous: true, body: { email: harness.admin.email, password: secrets.newPassword } })
    secrets.loginToken = login.body.token
    expect((await harness.request('POST', '/api/auth/logout', { token: login.body.token })).status).toBe(204)

    secrets.userPassword = 'a-created-users-password'
    expect((await harness.request('POST', '/api/users', { token: changed.body.token, body: { email: 'u@test.local', name: 'U', password: secrets.userPassword, role: 'viewer' } })).status).toBe(201)
  })
  afterAll(async () => {
    await harness.close()
  })

  it('logs each request, with the caller but without credentials', () => {
    const requests = lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.msg === 'request')
    const paths = requests.map((line) => line.path)
    expect(paths).toEqual(expect.arrayContaining(['/api/auth/login', '/api/keys', '/api/auth/me', '/api/auth/password', '/api/auth/logout']))
    expect(requests.find((line) => line.path === '/api/auth/login' && line.status === 401)).toBeDefined()
    expect(requests.some((line) => line.caller?.startsWith('api-key:'))).toBe(true)
  })

  it('writes no password, token or API key secret into any line', () => {
    expect(Object.keys(secrets)).toHaveLength(8)
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThan(10)
      const leaking = lines.filter((line) => line.includes(secret))
      expect(leaking, `${name} appears in the log`).toEqual([])
    }
  })

  it('does not even log the secret part of an API key after its shown prefix', () => {
    const hidden = (secrets.apiKey ?? '').slice(12)
    expect(hidden.length).toBeGreaterThan(20)
    expect(lines.filter((line) => line.includes(hidden.slice(0, 16)))).toEqual([])
  })
})
