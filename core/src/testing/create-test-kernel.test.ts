import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageReceived, type MessageEventPayload } from '../bus/core-events.ts'
import { createTestKernel, type TestKernel } from './index.ts'

const customer = '+966501230001'
const customerChat = '966501230001@c.us'

describe('test harness helpers', () => {
  let harness: TestKernel
  const received: MessageEventPayload[] = []

  beforeAll(async () => {
    harness = await createTestKernel()
    await harness.createSession('shop')
    harness.kernel.bus.on(messageReceived, (message) => void received.push(message), { id: 'harness-test.received' })
  })
  afterAll(async () => {
    await harness?.close()
  })

  const sendText = async (to: string, text: string) => {
    const sent = await harness.request('POST', '/api/messages/send-text?clientId=shop', { body: { to, text } })
    expect(sent.status).toBe(201)
  }

  it('inbound: a contact writes to a sandbox session; the message is stored and emitted when it resolves', async () => {
    const message = await harness.inbound('shop', customer, 'hello shop')
    expect(message.chatId).toBe(customerChat)

    const stored = await harness.request<{ items: Array<{ id: string; body: string; fromMe: boolean }> }>('GET', `/api/messages?clientId=shop&chatId=${customerChat}`)
    expect(stored.body.items).toContainEqual(expect.objectContaining({ id: message.messageId, body: 'hello shop', fromMe: false }))
    await harness.kernel.bus.idle()
    expect(received).toContainEqual(expect.objectContaining({ messageId: message.messageId, from: customerChat, body: 'hello shop' }))
  })

  it('inbound: refuses an unknown session with the server’s answer', async () => {
    await expect(harness.inbound('nowhere', customer, 'hi')).rejects.toThrow(/inbound message to session nowhere failed: 404 .*SESSION_NOT_FOUND/)
  })

  it('waitForReply: resolves with the next message sent to the chat, asked before or after it is sent', async () => {
    const waiting = harness.waitForReply('shop', customer)
    await sendText(customer, 'first answer')
    await expect(waiting).resolves.toMatchObject({ sessionId: 'shop', chatId: customerChat, body: 'first answer', fromMe: true })

    // Sent before anyone asked: kept for the next call, each message handed out once, oldest first.
    await sendText(customer, 'second answer')
    await sendText(customer, 'third answer')
    expect((await harness.waitForReply('shop', customerChat)).body).toBe('second answer')
    expect((await harness.waitForReply('shop', customer)).body).toBe('third answer')
  })

  it('waitForReply: match skips messages it does not accept, leaving them for later calls', async () => {
    const waiting = harness.waitForReply('shop', customer, { match: (message) => message.body.startsWith('Your budget') })
    await sendText(customer, 'Hello!')
    await sendText(customer, 'Your budget is noted')
    expect((await waiting).body).toBe('Your budget is noted')
    expect((await harness.waitForReply('shop', customer)).body).toBe('Hello!')
  })

  it('waitForReply: rejects with a clear message when nothing comes in time', async () => {
    await sendText('+966501230002', 'to someone else')
    await expect(harness.waitForReply('shop', customer, { timeoutMs: 200 })).rejects.toThrow(
      'waitForReply(shop, +966501230001): no message to 966501230001@c.us within 200 ms; unclaimed messages of this session went to 966501230002@c.us',
    )
  })
})

describe('test harness restart', () => {
  it('comes back on the same address and port, with the same data', async () => {
    const first = await createTestKernel()
    let restarted: TestKernel | undefined
    try {
      await first.createSession('kept')
      const pending = first.waitForReply('kept', customer, { timeoutMs: 60_000 }).then(
        () => 'resolved',
        (error: Error) => error.message,
      )
      restarted = await first.restart()
      expect(await pending).toBe('waitForReply(kept, +966501230001): the kernel restarted; ask the restarted harness')
      expect(restarted.url).toBe(first.url)
      // The address a browser or client of the test already holds reaches the restarted kernel.
      const session = await fetch(`${first.url}/api/sessions/kept`, { headers: { authorization: `Bearer ${restarted.admin.token}` } })
      expect(session.status).toBe(200)
      expect(await session.json()).toMatchObject({ clientId: 'kept' })
      await restarted.inbound('kept', customer, 'after the restart')
    } finally {
      await (restarted ?? first).close()
    }
  })
})
