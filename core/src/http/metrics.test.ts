import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel, type TestResponse } from '../testing/index.ts'

function expectError(response: TestResponse, status: number, code: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  expect(response.body).toEqual({ error: { code, message: expect.any(String), details: null } })
}

describe('/metrics', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterAll(async () => {
    await harness.close()
  })

  it('refuses anonymous callers and non-admins', async () => {
    expectError(await harness.request('GET', '/metrics', { anonymous: true }), 401, 'UNAUTHORIZED')
    const agent = await harness.createUser('agent')
    expectError(await harness.request('GET', '/metrics', { token: agent.token }), 403, 'FORBIDDEN_ROLE')
    const viewerKey = await harness.createApiKey('viewer')
    expectError(await harness.request('GET', '/metrics', { token: viewerKey.key }), 403, 'FORBIDDEN_ROLE')
  })

  it('serves Prometheus text to an admin token', async () => {
    await harness.request('GET', '/api/plugins')
    const response = await harness.request<string>('GET', '/metrics')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    expect(response.body).toMatch(/^waqtor_http_requests_total\{method="GET",route="\/api\/plugins",status="200"\} [1-9]/m)
    expect(response.body).toContain('# TYPE waqtor_bus_events_emitted_total counter')
    expect(response.body).toMatch(/^waqtor_bus_queue_depth \d+/m)
    expect(response.body).toContain('waqtor_process_cpu_seconds_total')
  })

  it('labels requests by route pattern, not by raw path', async () => {
    await harness.request('GET', '/api/users/some-id-123')
    const metrics = await harness.request<string>('GET', '/metrics')
    expect(metrics.body).toContain('route="/api/users/:id"')
    expect(metrics.body).not.toContain('some-id-123')
  })

  it('serves an admin API key sent as a bearer token, as Prometheus does', async () => {
    const adminKey = await harness.createApiKey('admin')
    const response = await harness.request<string>('GET', '/metrics', { token: adminKey.key })
    expect(response.status).toBe(200)
    expect(response.body).toContain('waqtor_http_requests_total')
  })
})
