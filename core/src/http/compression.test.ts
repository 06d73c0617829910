import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'

describe('response compression', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
  })

  afterAll(() => harness.close())

  it('compresses larger answers for clients that accept it, with brotli first', async () => {
    const brotli = await harness.request<{ openapi: string }>('GET', '/api/openapi.json', { headers: { 'accept-encoding': 'br, gzip' } })
    expect(brotli.headers.get('content-encoding')).toBe('br')
    expect(brotli.body.openapi).toMatch(/^3\.1/)
    const gzip = await harness.request('GET', '/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
  })

  it('leaves answers plain for clients that do not accept it, and small answers alone', async () => {
    const plain = await harness.request('GET', '/api/openapi.json', { headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    const small = await harness.request('GET', '/health', { anonymous: true, headers: { 'accept-encoding': 'gzip' } })
    expect(small.headers.get('content-encoding')).toBeNull()
  })
})
