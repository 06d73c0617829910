import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TestKernel } from '@waqtor/core/testing'
import { Receiver } from './test-support/receiver.ts'
import { waitFor } from './test-support/wait-for.ts'
import { emitMessage, subscribe, webhookKernel } from './test-support/webhook-kernel.ts'

let harness: TestKernel

beforeAll(async () => {
  harness = await webhookKernel({ timeoutMs: 60_000 })
  await harness.createSession('a')
})
afterAll(() => harness.close())

it('a slow endpoint holds only its own slots; other subscriptions keep receiving', async () => {
  const slow = await new Receiver().listen()
  slow.reply = () => 'hold'
  const fast = await new Receiver().listen()
  await subscribe(harness, { url: slow.url, events: ['message.received'], sessions: ['a'], maxConcurrency: 2 })
  await subscribe(harness, { url: fast.url, events: ['message.received'], sessions: ['a'] })
  for (let index = 0; index < 25; index++) await emitMessage(harness, 'a', `s${index}@c.us`)
  await waitFor(() => fast.received.length === 25, 'every event at the fast endpoint')
  // The slow endpoint has exactly its concurrency limit in flight, nothing more.
  await waitFor(() => slow.received.length === 2, 'two requests held by the slow endpoint')
  expect(slow.received).toHaveLength(2)
  slow.reply = () => ({ status: 200 })
  slow.release()
  await waitFor(() => new Set(slow.bodies().map((body) => body.id)).size === 25, 'the slow endpoint catching up')
  await slow.close()
  await fast.close()
})
