import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestKernel } from '@waqtor/core/testing'
import { Receiver } from './test-support/receiver.ts'
import { waitFor } from './test-support/wait-for.ts'
import { emitMessage, subscribe, webhookKernel } from './test-support/webhook-kernel.ts'

let harness: TestKernel

beforeAll(async () => {
  harness = await webhookKernel({ maxAttempts: 50, retryMaxMs: 200 })
  await harness.createSession('a')
})
afterAll(() => harness.close())

async function pendingRows(subscriptionId: string): Promise<number> {
  const rows: Array<{ n: number | string }> = await harness.kernel.orm.em.fork().getConnection().execute(
    'select count(*) as n from webhooks_deliveries where subscription_id = ?', [subscriptionId])
  return Number(rows[0]?.n ?? 0)
}

/** Every event arrived; any extra arrival repeats a delivery id already seen (at-least-once, never a new id). */
function expectEachOnceAtLeast(receiver: Receiver, eventCount: number): void {
  const deliveryIds = receiver.received.map((request) => String(request.headers['x-waqtor-delivery']))
  const eventIds = new Set(receiver.bodies().map((body) => body.id))
  expect(eventIds.size).toBe(eventCount)
  expect(new Set(deliveryIds).size).toBe(eventCount)
}

describe('durable webhook deliveries', () => {
  it('delivers every event once a receiver that was down comes back', async () => {
    const receiver = await new Receiver().listen()
    const subscription = await subscribe(harness, { url: receiver.url, events: ['message.received'], sessions: ['a'] })
    await receiver.down()
    for (let index = 0; index < 20; index++) await emitMessage(harness, 'a', `${index}@c.us`)
    await waitFor(async () => (await pendingRows(subscription.id)) === 20, 'the 20 deliveries written')
    await waitFor(async () => {
      const failing = await harness.request<{ items: Array<{ error: string | null }> }>('GET', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries?status=pending`)
      return failing.body.items.some((item) => item.error?.includes('OUTBOUND_NETWORK_ERROR') ?? false)
    }, 'attempts failing while the receiver is down')
    await receiver.listen()
    await waitFor(() => new Set(receiver.bodies().map((body) => body.id)).size === 20, 'all 20 events after recovery')
    expectEachOnceAtLeast(receiver, 20)
    await receiver.close()
  })

  it('loses nothing when the kernel restarts in the middle of a backlog', async () => {
    const receiver = await new Receiver().listen()
    receiver.reply = () => ({ status: 200, delayMs: 15 })
    const subscription = await subscribe(harness, { url: receiver.url, events: ['message.received'], sessions: ['a'], maxConcurrency: 1 })
    for (let index = 0; index < 60; index++) await emitMessage(harness, 'a', `r${index}@c.us`)
    await waitFor(() => receiver.received.length >= 5, 'the backlog being worked on')
    harness = await harness.restart()
    expect(receiver.received.length).toBeLessThan(60)
    await waitFor(() => new Set(receiver.bodies().map((body) => body.id)).size === 60, 'all 60 events after the restart')
    expectEachOnceAtLeast(receiver, 60)
    const delivered = await harness.request<{ items: unknown[] }>('GET', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries?status=delivered&limit=200`)
    await waitFor(async () => (await harness.request<{ items: unknown[] }>('GET', `/api/plugins/webhooks/subscriptions/${subscription.id}/deliveries?status=delivered&limit=200`)).body.items.length === 60, 'all 60 marked delivered')
    expect(delivered.status).toBe(200)
    await receiver.close()
  })

  it('takes back deliveries left in flight by a crashed worker once their lease expires', async () => {
    const receiver = await new Receiver().listen()
    const subscription = await subscribe(harness, { url: receiver.url, events: ['message.received'], sessions: ['a'] })
    await receiver.down()
    for (let index = 0; index < 5; index++) await emitMessage(harness, 'a', `l${index}@c.us`)
    await waitFor(async () => (await pendingRows(subscription.id)) === 5, 'the 5 deliveries written')
    // What a node that died mid-attempt leaves behind: rows claimed by it, whose lease runs out soon.
    const leaseUntil = Date.now() + 1500
    await harness.kernel.orm.em.fork().getConnection().execute(
      "update webhooks_deliveries set status = 'in_flight', claim_token = 'dead-node', lease_until = ? where subscription_id = ?", [leaseUntil, subscription.id])
    await receiver.listen()
    harness = await harness.restart()
    await waitFor(() => new Set(receiver.bodies().map((body) => body.id)).size === 5, 'the 5 recovered deliveries')
    expectEachOnceAtLeast(receiver, 5)
    // Nobody touched them while the dead node's lease held.
    expect(Math.min(...receiver.received.map((request) => request.receivedAt))).toBeGreaterThanOrEqual(leaseUntil)
    await receiver.close()
  })
})
