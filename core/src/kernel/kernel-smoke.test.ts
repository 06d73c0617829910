import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'

describe('kernel over real HTTP', () => {
  let harness: TestKernel
  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterAll(async () => {
    await harness.close()
  })

  it('answers health and readiness without credentials', async () => {
    expect((await harness.request('GET', '/health', { anonymous: true })).status).toBe(200)
    const ready = await harness.request<{ status: string }>('GET', '/ready', { anonymous: true })
    expect(ready.status).toBe(200)
    expect(ready.body.status).toBe('ready')
  })

  it('lets the seeded admin see who they are', async () => {
    const me = await harness.request<{ role: string; name: string }>('GET', '/api/auth/me')
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ role: 'admin', name: 'admin@test.local' })
  })
})
