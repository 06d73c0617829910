import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestKernel } from '@waqtor/core/testing'
import { Receiver } from './test-support/receiver.ts'
import { waitFor } from './test-support/wait-for.ts'
import { emitMessage, subscribe, webhookKernel } from './test-support/webhook-kernel.ts'

let harness: TestKernel
let receiver: Receiver

beforeAll(async () => {
  harness = await webhookKernel()
  await harness.createSession('a')
  await harness.createSession('b')
  receiver = await new Receiver().listen()
})
afterAll(async () => {
  await harness.close()
  await receiver.close()
})

function signaturesOf(header: string): { t: number; v1: string[] } {
  const parts = header.split(',').map((part) => part.split('=') as [string, string])
  return { t: Number(parts.find(([key]) => key === 't')?.[1]), v1: parts.filter(([key]) => key === 'v1').map(([, value]) => value) }
}

const hmac = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')

describe('webhook deliveries', () => {
  it('signs each delivery so a receiver can verify it with the secret', async () => {
    const local = await new Receiver().listen()
    const subscription = await subscribe(harness, { url: local.url, events: ['message.received'], sessions: ['a'] })
    expect(subscription.secret).toMatch(/^whsec_/)
    const messageId = await emitMessage(harness, 'a')
    await waitFor(() => local.received.length === 1, 'one delivery')
    const [request] = local.received
    const { t, v1 } = signaturesOf(String(request!.headers['x-waqtor-signature']))
    expect(v1).toEqual([hmac(subscription.secret, t, request!.body)])
    expect(Math.abs(Date.now() / 1000 - t)).toBeLessThan(300)
    expect(request!.headers['x-waqtor-event']).toBe('message.received')
    const body = JSON.parse(request!.body) as { id: string; event: string; sessionId: string; occurredAt: string; data: { messageId: string } }
    expect(body).toMatchObject({ event: 'message.received', sessionId: 'a', data: { messageId } })
    expect(body.id).toBeTruthy()
    expect(String(request!.headers['x-waqtor-delivery'])).toMatch(/^dlv_/)
    const listed = await harness.request<{ items: Array<{ id: string; status: string; responseStatus: number; attempts: number }> }>(
      'GET', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries`)
    await waitFor(async () => (await harness.request<{ items: Array<{ status: string }> }>('GET', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries`)).body.items[0]?.status === 'delivered', 'status delivered')
    expect(listed.body.items[0]).toMatchObject({ id: request!.headers['x-waqtor-delivery'], attempts: 1 })
    const fetched = await harness.request<Record<string, unknown>>('GET', `/api/plugins/webhooks/subscriptions/${subscription.id}`)
    expect(fetched.body).not.toHaveProperty('secret')
    await local.close()
  })

  it('filters events by name and by session; session-less events reach only all-session subscriptions', async () => {
    const onlyA = await new Receiver().listen()
    const everything = await new Receiver().listen()
    await subscribe(harness, { url: onlyA.url, events: ['message.received'], sessions: ['a'] })
    await subscribe(harness, { url: everything.url, events: ['*'] })
    await emitMessage(harness, 'b')
    await emitMessage(harness, 'a')
    await harness.kernel.bus.emit({ name: 'plugin.session.enabled' }, { pluginId: 'x', sessionId: 'a' })
    await harness.createSession('c')
    await waitFor(() => everything.bodies().some((body) => body.event === 'session.created' && body.sessionId === 'c'), 'session.created for c')
    await waitFor(() => everything.bodies().filter((body) => body.event === 'message.received').length === 2, 'both messages')
    await harness.kernel.bus.idle()
    const toA = onlyA.bodies()
    expect(toA.every((body) => body.event === 'message.received' && body.sessionId === 'a')).toBe(true)
    expect(toA).toHaveLength(1)
    await onlyA.close()
    await everything.close()
  })

  it('does not retry 4xx, retries 5xx, and waits as long as Retry-After says on 429', async () => {
    const local = await new Receiver().listen()
    local.reply = (request) => {
      const body = JSON.parse(request.body) as { data: { chatId: string } }
      if (body.data.chatId.startsWith('400')) return { status: 400, body: 'bad' }
      const firstTime = local.received.filter((entry) => entry.body === request.body).length === 1
      if (body.data.chatId.startsWith('500')) return firstTime ? { status: 503 } : { status: 200 }
      return firstTime ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }
    }
    const subscription = await subscribe(harness, { url: local.url, events: ['message.received'], sessions: ['b'], maxConcurrency: 1 })
    await emitMessage(harness, 'b', '400@c.us')
    await waitFor(() => local.received.length === 1, 'the 4xx attempt')
    await emitMessage(harness, 'b', '500@c.us')
    await waitFor(() => local.received.length === 3, 'the 5xx attempt and its retry')
    await emitMessage(harness, 'b', '429@c.us')
    await waitFor(() => local.received.length === 5, 'the 429 attempt and its retry')
    const [first429, second429] = local.received.slice(3)
    expect(second429!.receivedAt - first429!.receivedAt).toBeGreaterThanOrEqual(950)
    const deliveries = await harness.request<{ items: Array<{ status: string; attempts: number; responseStatus: number; responseBody: string }> }>(
      'GET', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries`)
    await waitFor(async () => (await harness.request<{ items: Array<{ status: string }> }>('GET', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries?status=delivered`)).body.items.length === 2, 'two delivered')
    const failed = deliveries.body.items.find((item) => item.status === 'failed')
    expect(failed).toMatchObject({ attempts: 1, responseStatus: 400, responseBody: 'bad' })
    expect(local.bodies().filter((body) => body.data.chatId === '400@c.us')).toHaveLength(1)

    // A failed delivery can be replayed, one by one or in bulk.
    local.reply = () => ({ status: 200 })
    const replay = await harness.request<{ replayed: number }>('POST', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries/replay-failed`)
    expect(replay.body.replayed).toBe(1)
    await waitFor(() => local.bodies().filter((body) => body.data.chatId === '400@c.us').length === 2, 'the replayed delivery')
    await local.close()
  })

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const local = await new Receiver().listen()
    const subscription = await subscribe(harness, { url: local.url, events: ['message.received'], sessions: ['a'] })
    const rotated = await harness.request<{ secret: string; previousSecretExpiresAt: string }>('POST', `/api/plugins/webhooks/subscriptions/${subscription.id}/rotate-secret`, { body: { overlapSeconds: 600 } })
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(subscription.secret)
    await emitMessage(harness, 'a')
    await waitFor(() => local.received.length === 1, 'a delivery during the overlap')
    const during = signaturesOf(String(local.received[0]!.headers['x-waqtor-signature']))
    expect(during.v1).toEqual([hmac(rotated.body.secret, during.t, local.received[0]!.body), hmac(subscription.secret, during.t, local.received[0]!.body)])
    const again = await harness.request<{ secret: string }>('POST', `/api/plugins/webhooks/subscriptions/${subscription.id}/rotate-secret`, { body: { overlapSeconds: 0 } })
    await emitMessage(harness, 'a')
    await waitFor(() => local.received.length === 2, 'a delivery after the overlap')
    const after = signaturesOf(String(local.received[1]!.headers['x-waqtor-signature']))
    expect(after.v1).toEqual([hmac(again.body.secret, after.t, local.received[1]!.body)])
    await local.close()
  })

  it('sends a test event on demand and reports stats and metrics', async () => {
    const local = await new Receiver().listen()
    const subscription = await subscribe(harness, { url: local.url, events: ['message.ack'], sessions: ['a'] })
    const sent = await harness.request<{ deliveryId: string }>('POST', `/api/plugins/webhooks/subscriptions/${subscription.id}/test`)
    expect(sent.status).toBe(202)
    await waitFor(() => local.received.length === 1, 'the test delivery')
    expect(local.bodies()[0]).toMatchObject({ event: 'webhooks.test.sent', data: { subscriptionId: subscription.id } })
    await waitFor(async () => {
      const stats = await harness.request<{ items: Array<{ subscriptionId: string; successRate: number | null; p50LatencyMs: number | null }> }>('GET', '/api/plugins/webhooks/stats')
      const mine = stats.body.items.find((item) => item.subscriptionId === subscription.id)
      return mine?.successRate === 1 && mine.p50LatencyMs !== null
    }, 'stats of the test delivery')
    const metrics = await harness.request<string>('GET', '/metrics')
    expect(metrics.body).toContain('waqtor_webhooks_attempts_total{outcome="delivered"}')
    expect(metrics.body).toContain('waqtor_webhooks_queue_depth')
    await local.close()
  })
})
