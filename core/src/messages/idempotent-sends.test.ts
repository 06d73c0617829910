import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Message } from '../db/entities/index.ts'
import { expectError, fieldsOf, type MessageView } from '../sessions/test-fixtures/api-responses.ts'
import { createTestKernel, type RequestOptions, type TestKernel } from '../testing/index.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20], reconnectBaseDelayMs: 10, reconnectMaxDelayMs: 50, reconnectMaxAttempts: 2 }
const to = '+15550107777'

describe('idempotent sends (Idempotency-Key)', () => {
  let harness: TestKernel
  let keys = 0

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
    await harness.createSession('a')
  })
  afterAll(async () => {
    await harness.close()
  })

  const newKey = () => `order-${++keys}-${Date.now()}`
  const send = (key: string | undefined, body: unknown, caller: RequestOptions = {}) =>
    harness.request<MessageView>('POST', '/api/messages/send-text?clientId=a', { ...caller, body, headers: key === undefined ? {} : { 'idempotency-key': key } })
  const stored = (text: string) => harness.kernel.orm.em.fork().count(Message, { sessionId: 'a', body: text })

  it('sends once for a repeated key and replays the first response', async () => {
    const key = newKey()
    const first = await send(key, { to, text: 'your order shipped' })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()

    const second = await send(key, { to, text: 'your order shipped' })
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body).toEqual(first.body)
    expect(await stored('your order shipped')).toBe(1)
  })

  it('refuses the same key with a different body (409 IDEMPOTENCY_KEY_REUSED), sending nothing', async () => {
    const key = newKey()
    expect((await send(key, { to, text: 'invoice 1' })).status).toBe(201)
    const error = expectError(await send(key, { to, text: 'invoice 2' }), 409, 'IDEMPOTENCY_KEY_REUSED')
    expect(error.details).toEqual({ field: 'headers.idempotency-key' })
    expect(await stored('invoice 2')).toBe(0)
    // Another session is another request too.
    await harness.createSession('other')
    const elsewhere = await harness.request('POST', '/api/messages/send-text?clientId=other', { body: { to, text: 'invoice 1' }, headers: { 'idempotency-key': key } })
    expectError(elsewhere, 409, 'IDEMPOTENCY_KEY_REUSED')
  })

  it('sends two messages for two different keys, and one per request without a key', async () => {
    const one = await send(newKey(), { to, text: 'two keys' })
    const two = await send(newKey(), { to, text: 'two keys' })
    expect(one.body.id).not.toBe(two.body.id)
    await send(undefined, { to, text: 'two keys' })
    await send(undefined, { to, text: 'two keys' })
    expect(await stored('two keys')).toBe(4)
  })

  it('keeps keys per caller: the same key from another caller is a new message', async () => {
    const key = newKey()
    const agent = await harness.createApiKey('agent', ['a'])
    const byAdmin = await send(key, { to, text: 'per caller' })
    const byAgent = await send(key, { to, text: 'per caller' }, { apiKey: agent.key })
    expect(byAgent.status).toBe(201)
    expect(byAgent.headers.get('idempotent-replayed')).toBeNull()
    expect(byAgent.body.id).not.toBe(byAdmin.body.id)
    const agentAgain = await send(key, { to, text: 'per caller' }, { apiKey: agent.key })
    expect(agentAgain.body.id).toBe(byAgent.body.id)
    expect(await stored('per caller')).toBe(2)
  })

  it('releases the key when the send fails, so a retry can send', async () => {
    const key = newKey()
    expect((await harness.request('POST', '/api/sessions/a/stop')).status).toBe(200)
    expectError(await send(key, { to, text: 'retry me' }), 409, 'SESSION_NOT_READY')
    expect((await harness.request('POST', '/api/sessions/a/start')).status).toBe(200)
    const retried = await send(key, { to, text: 'retry me' })
    expect(retried.status).toBe(201)
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
    expect(await stored('retry me')).toBe(1)
  })

  it('sends once when the same key arrives twice at the same moment', async () => {
    const key = newKey()
    const answers = await Promise.all([send(key, { to, text: 'racing' }), send(key, { to, text: 'racing' }), send(key, { to, text: 'racing' })])
    const ok = answers.filter((answer) => answer.status === 201)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(new Set(ok.map((answer) => answer.body.id)).size).toBe(1)
    for (const answer of answers.filter((candidate) => candidate.status !== 201)) expectError(answer, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS')
    expect(await stored('racing')).toBe(1)
  })

  it('refuses a key longer than 255 characters with a 400 naming the header', async () => {
    const error = expectError(await send('k'.repeat(256), { to, text: 'too long' }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(error)).toEqual(['headers.idempotency-key'])
    expect(await stored('too long')).toBe(0)
  })
})
