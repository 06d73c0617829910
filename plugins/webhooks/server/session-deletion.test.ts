import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestKernel } from '@waqtor/core/testing'
import { Receiver } from './test-support/receiver.ts'
import { waitFor } from './test-support/wait-for.ts'
import { emitMessage, subscribe, webhookKernel } from './test-support/webhook-kernel.ts'

let harness: TestKernel
let receiver: Receiver

beforeAll(async () => {
  harness = await webhookKernel()
  receiver = await new Receiver().listen()
  await harness.createSession('gone')
  await harness.createSession('stays')
})
afterAll(async () => {
  await receiver.close()
  await harness.close()
})

async function deliveriesOf(sessionId: string): Promise<number> {
  const rows: Array<{ n: number | string }> = await harness.kernel.orm.em.fork().getConnection().execute(
    'select count(*) as n from webhooks_deliveries where session_id = ?', [sessionId])
  return Number(rows[0]?.n ?? 0)
}

describe('webhook deliveries of a deleted session', () => {
  it('are removed with the session; other sessions keep theirs', async () => {
    await subscribe(harness, { url: receiver.url, events: ['message.received'] })
    for (const sessionId of ['gone', 'gone', 'stays']) await emitMessage(harness, sessionId)
    await waitFor(async () => (await deliveriesOf('gone')) === 2 && (await deliveriesOf('stays')) === 1, 'the three deliveries written')

    expect((await harness.request('DELETE', '/api/sessions/gone')).status).toBe(204)
    expect(await deliveriesOf('gone')).toBe(0)
    expect(await deliveriesOf('stays')).toBe(1)
  })
})
