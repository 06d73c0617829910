import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RealtimeClients, record, request, waitFor } from '../realtime/test-fixtures/realtime-client.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { publicPayload } from './public-payload.ts'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-fixtures')
const messageKeys = ['body', 'chatId', 'from', 'fromMe', 'messageId', 'sessionId', 'timestamp', 'to', 'type']

describe('public payloads of core events', () => {
  let harness: TestKernel
  let receiver: Server
  const hooks: Array<{ event: string; data: Record<string, unknown> }> = []
  const clients = new RealtimeClients(() => harness.url)

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = ''
      req.on('data', (chunk: Buffer) => (text += chunk.toString()))
      req.on('end', () => {
        hooks.push(JSON.parse(text) as { event: string; data: Record<string, unknown> })
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    harness = await createTestKernel({ builtinPlugins: true, pluginDirs: [fixtures], config: { outboundAllowPrivate: true } })
    await harness.createSession('shop')
  })
  afterAll(async () => {
    clients.closeAll()
    await harness.close()
    await new Promise((resolve) => receiver.close(resolve))
  })

  it('keeps an interceptor\'s tag for plugins, out of realtime and webhooks', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    expect((await harness.request('POST', '/api/plugins/webhooks/subscriptions', { body: { url, events: ['message.received'] } })).status).toBe(201)
    const socket = await clients.connect({ token: harness.admin.token })
    const live = record(socket)
    expect(await request(socket, 'subscribe', { topics: ['messages'], sessionId: 'shop' })).toEqual({ ok: true })

    const sent = await harness.request<{ messageId: string }>('POST', '/api/sessions/shop/sandbox/inbound', { body: { from: '+966500000001', text: 'hello' } })
    expect(sent.status).toBe(201)
    await waitFor('the realtime event', () => live.some((item) => item.payload.messageId === sent.body.messageId))
    await waitFor('the webhook', () => hooks.some((hook) => hook.data.messageId === sent.body.messageId))

    const seenByPlugin = await harness.request<{ seen: Array<boolean | null> }>('GET', '/api/plugins/tag-adder/seen')
    expect(seenByPlugin.body.seen).toEqual([true])
    const realtime = live.find((item) => item.payload.messageId === sent.body.messageId)
    expect(Object.keys(realtime?.payload ?? {}).sort()).toEqual(messageKeys)
    const hook = hooks.find((item) => item.data.messageId === sent.body.messageId)
    expect(Object.keys(hook?.data ?? {}).sort()).toEqual(messageKeys)
  })

  it('passes plugin events unchanged and keeps a list reply\'s declared fields', () => {
    const pluginPayload = { sessionId: 's', anything: 1 }
    expect(publicPayload('crm.lead.created', pluginPayload)).toBe(pluginPayload)
    const reply = publicPayload('message.received', {
      sessionId: 's', messageId: 'm', chatId: 'c', from: 'c', to: 'me', type: 'chat', body: '2', timestamp: 't', fromMe: false,
      listReply: { listMessageId: 'l', rowId: 'r', title: 'Two', internal: 'x' }, tag: 'x',
    })
    expect(reply).toEqual({ sessionId: 's', messageId: 'm', chatId: 'c', from: 'c', to: 'me', type: 'chat', body: '2', timestamp: 't', fromMe: false, listReply: { listMessageId: 'l', rowId: 'r', title: 'Two' } })
  })
})
