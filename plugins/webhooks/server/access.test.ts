import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestKernel } from '@waqtor/core/testing'
import { subscribe, webhookKernel } from './test-support/webhook-kernel.ts'

let harness: TestKernel
let strict: TestKernel

beforeAll(async () => {
  harness = await webhookKernel()
  strict = await webhookKernel({}, false)
  await harness.createSession('a')
  await harness.createSession('b')
})
afterAll(async () => {
  await harness.close()
  await strict.close()
})

type ErrorBody = { error: { code: string; details: Array<{ field: string }> | null } }
const fieldsOf = (body: unknown) => ((body as ErrorBody).error.details ?? []).map((issue) => issue.field)
const path = '/api/plugins/webhooks/subscriptions'

describe('webhook subscriptions: validation and access', () => {
  it('refuses private, loopback and link-local targets unless the operator allows them', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost:9/hook', 'http://169.254.169.254/latest', 'http://10.0.0.8/hook', 'http://[::1]/hook', 'ftp://example.com/x']) {
      const refused = await strict.request('POST', path, { body: { url, events: ['message.received'] } })
      expect(refused.status, url).toBe(400)
      expect(fieldsOf(refused.body), url).toEqual(['body.url'])
    }
    expect((await harness.request('POST', path, { body: { url: 'http://127.0.0.1:9/hook', events: ['message.received'] } })).status).toBe(201)
  })

  it('names unknown events and forbidden headers', async () => {
    const unknown = await harness.request('POST', path, { body: { url: 'http://127.0.0.1:9/x', events: ['message.received', 'message.exploded'] } })
    expect(fieldsOf(unknown.body)).toEqual(['body.events.1'])
    const host = await harness.request('POST', path, { body: { url: 'http://127.0.0.1:9/x', events: ['*'], headers: { Host: 'evil', 'X-Token': 'ok' } } })
    expect(host.status).toBe(400)
    expect(fieldsOf(host.body)).toEqual(['body.headers.Host'])
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`x-h${index}`, 'v']))
    expect((await harness.request('POST', path, { body: { url: 'http://127.0.0.1:9/x', events: ['*'], headers: many } })).status).toBe(400)
    const events = await harness.request<{ items: Array<{ name: string }> }>('GET', '/api/plugins/webhooks/events')
    expect(events.body.items.map((item) => item.name)).toContain('message.ack')
  })

  it('shows a caller only subscriptions within its sessions; writes need admin or agent', async () => {
    const agentA = await harness.createApiKey('agent', ['a'])
    const agentB = await harness.createApiKey('agent', ['b'])
    const viewerA = await harness.createApiKey('viewer', ['a'])
    const ofA = await subscribe(harness, { url: 'http://127.0.0.1:9/a', events: ['message.received'] }, agentA.key)
    expect(ofA.sessions).toEqual(['a'])
    const ofB = await subscribe(harness, { url: 'http://127.0.0.1:9/b', events: ['message.received'] }, agentB.key)
    const everyone = await subscribe(harness, { url: 'http://127.0.0.1:9/all', events: ['*'] })
    expect(everyone.sessions).toBeNull()

    const listA = await harness.request<{ items: Array<{ id: string }> }>('GET', path, { apiKey: agentA.key })
    expect(listA.body.items.map((item) => item.id)).toEqual([ofA.id])
    expect((await harness.request('GET', `${path}/${ofB.id}`, { apiKey: agentA.key })).status).toBe(404)
    expect((await harness.request('GET', `${path}/${everyone.id}`, { apiKey: agentA.key })).status).toBe(404)
    expect((await harness.request('PATCH', `${path}/${ofB.id}`, { apiKey: agentA.key, body: { active: false } })).status).toBe(404)
    expect((await harness.request('DELETE', `${path}/${ofB.id}`, { apiKey: agentA.key })).status).toBe(404)
    expect((await harness.request('GET', `${path}/${ofB.id}/deliveries`, { apiKey: agentA.key })).status).toBe(404)
    expect((await harness.request('POST', path, { apiKey: agentA.key, body: { url: 'http://127.0.0.1:9/x', events: ['*'], sessions: ['b'] } })).status).toBe(404)
    expect((await harness.request('POST', path, { apiKey: viewerA.key, body: { url: 'http://127.0.0.1:9/x', events: ['*'] } })).status).toBe(403)
    expect((await harness.request('GET', `${path}/${ofA.id}`, { apiKey: viewerA.key })).status).toBe(200)

    const all = await harness.request<{ items: Array<{ id: string }> }>('GET', path)
    expect(all.body.items.map((item) => item.id)).toEqual(expect.arrayContaining([ofA.id, ofB.id, everyone.id]))

    const patched = await harness.request<{ active: boolean; url: string }>('PATCH', `${path}/${ofA.id}`, { apiKey: agentA.key, body: { active: false, url: 'http://127.0.0.1:9/a2' } })
    expect(patched.body).toMatchObject({ active: false, url: 'http://127.0.0.1:9/a2' })
    expect((await harness.request('DELETE', `${path}/${ofA.id}`, { apiKey: agentA.key })).status).toBe(204)
    expect((await harness.request('GET', `${path}/${ofA.id}`)).status).toBe(404)
  })
})
