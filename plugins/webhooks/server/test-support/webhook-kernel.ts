import { createTestKernel, type TestKernel } from '@waqtor/core/testing'
import { messageReceived } from '@waqtor/core'

/** Retries in milliseconds rather than seconds, so tests wait for conditions, not clocks. */
export const fastSettings = { retryBaseMs: 20, retryMaxMs: 100, pollIntervalMs: 50, timeoutMs: 3000, maxAttempts: 4, leaseMs: 1000 }

export function webhookKernel(settings: Record<string, unknown> = {}, allowPrivate = true): Promise<TestKernel> {
  return createTestKernel({
    builtinPlugins: true,
    config: { outboundAllowPrivate: allowPrivate, sandboxAckDelaysMs: [5, 10, 15, 20] },
    plugins: { webhooks: { ...fastSettings, ...settings } },
  })
}

export interface CreatedSubscription {
  id: string
  secret: string
  url: string
  events: string[]
  sessions: string[] | null
}

export async function subscribe(harness: TestKernel, body: Record<string, unknown>, apiKey?: string): Promise<CreatedSubscription> {
  const response = await harness.request<CreatedSubscription>('POST', '/api/plugins/webhooks/subscriptions', { body, apiKey })
  if (response.status !== 201) throw new Error(`subscribing failed: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}

let sequence = 0

/** Emits an inbound message on the kernel's bus, as a session driver would. */
export async function emitMessage(harness: TestKernel, sessionId: string, chatId = '966500000001@c.us'): Promise<string> {
  const messageId = `m-${++sequence}`
  await harness.kernel.bus.emit(messageReceived, {
    sessionId, messageId, chatId, from: chatId, to: 'me@c.us', type: 'chat', body: `hello ${messageId}`, timestamp: new Date().toISOString(), fromMe: false,
  })
  return messageId
}
