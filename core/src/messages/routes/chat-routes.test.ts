import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Message } from '../../db/entities/index.ts'
import { expectError, fieldsOf } from '../../sessions/test-fixtures/api-responses.ts'
import { createTestKernel, type TestKernel, type TestResponse } from '../../testing/index.ts'
import type { ChatView } from '../chat-view.ts'

interface ChatPage {
  items: ChatView[]
  nextCursor: string | null
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('GET /api/chats', () => {
  let harness: TestKernel
  const list = (clientId: string, query = '', token?: string) => harness.request<ChatPage>('GET', `/api/chats?clientId=${clientId}${query}`, token ? { token } : {})
  const ids = (page: TestResponse<ChatPage>) => page.body.items.map((chat) => chat.chatId)
  const inbound = async (from: string, text: string) => {
    expect((await harness.request('POST', '/api/sessions/inbox/sandbox/inbound', { body: { from, text } })).status).toBe(201)
    await pause()
  }

  beforeAll(async () => {
    harness = await createTestKernel({ config: { sandboxAckDelaysMs: [5, 10, 15, 20] } })
    await harness.createSession('inbox')
    await harness.createSession('archive')
    await inbound('+966500000001', 'hello')
    await inbound('+966500000002', 'salam')
    const reply = await harness.request('POST', '/api/messages/send-text?clientId=inbox', { body: { to: '+966500000001', text: 'how can we help?' } })
    expect(reply.status).toBe(201)
    await pause()
    await inbound('+966500000003', 'price?')
    expect((await harness.request('PATCH', '/api/contacts/966500000002?clientId=inbox', { body: { name: 'Layla Haddad' } })).status).toBe(200)
  })
  afterAll(async () => {
    await harness.close()
  })

  it('lists one row per chat, latest activity first, with its last message, count, name and phone', async () => {
    const page = await list('inbox')
    expect(page.status, JSON.stringify(page.body)).toBe(200)
    expect(ids(page)).toEqual(['966500000003@c.us', '966500000001@c.us', '966500000002@c.us'])
    expect(page.body.nextCursor).toBeNull()
    const [, first, second] = page.body.items
    expect(first).toMatchObject({ name: 'Sandbox 966500000001', phone: '966500000001', messageCount: 2 })
    expect(first?.lastMessage).toMatchObject({ body: 'how can we help?', direction: 'out', sessionId: 'inbox', chatId: '966500000001@c.us' })
    expect(second).toMatchObject({ name: 'Layla Haddad', phone: '966500000002', messageCount: 1, lastMessage: expect.objectContaining({ body: 'salam', direction: 'in' }) })
    expect((await list('archive')).body).toEqual({ items: [], nextCursor: null })
  })

  it('pages through chats with a cursor, ties on the last timestamp included, each chat once', async () => {
    const em = harness.kernel.orm.em.fork()
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute))
    const chats: Array<[string, number]> = [
      ['966511000001@c.us', 1],
      ['966511000002@c.us', 5],
      ['966511000003@c.us', 5],
      ['120363000000000001@g.us', 3],
      ['966511000004@c.us', 9],
      ['966511000005@c.us', 2],
      ['966511000006@c.us', 5],
    ]
    for (const [chatId, minute] of chats) {
      for (const offset of [0, 1]) {
        em.create(Message, {
          sessionId: 'archive', id: `false_${chatId}_${minute}${offset}`, chatId, fromId: chatId, toId: 'me@c.us', fromMe: false, type: 'text',
          body: `message ${offset}`, timestamp: at(minute - offset), ack: 2, ackAt: null, media: null, location: null, quotedId: null, senderName: null, createdAt: new Date(),
        })
      }
    }
    await em.flush()
    const expected = [...chats].sort(([a, x], [b, y]) => y - x || (b > a ? 1 : -1)).map(([chatId]) => chatId)

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: TestResponse<ChatPage> = await list('archive', `&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(3)
      seen.push(...ids(page))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(expected)
    const group = (await list('archive', '&limit=200')).body.items.find((chat) => chat.chatId.endsWith('@g.us'))
    expect(group).toMatchObject({ name: null, phone: null, messageCount: 2, lastMessage: expect.objectContaining({ body: 'message 0', timestamp: at(3).toISOString() }) })
  })

  it('searches by part of the number or of the name, case-insensitively', async () => {
    expect(ids(await list('inbox', '&search=layla'))).toEqual(['966500000002@c.us'])
    expect(ids(await list('inbox', '&search=SANDBOX%20966500000001'))).toEqual(['966500000001@c.us'])
    expect(ids(await list('inbox', '&search=0000003'))).toEqual(['966500000003@c.us'])
    expect(ids(await list('inbox', '&search=%25'))).toEqual([])
    expect(ids(await list('inbox', '&search='))).toHaveLength(3)
  })

  it('answers 404 for a session the caller is not granted, exactly as for one that does not exist', async () => {
    const agent = await harness.createUser('agent', ['archive'])
    const hidden = expectError(await list('inbox', '', agent.token), 404, 'SESSION_NOT_FOUND')
    const missing = expectError(await list('nowhere', '', agent.token), 404, 'SESSION_NOT_FOUND')
    expect(hidden.message).toBe(missing.message.replace('nowhere', 'inbox'))
    expect((await list('archive', '', agent.token)).status).toBe(200)
  })

  it('names the field of bad input', async () => {
    expect(fieldsOf(expectError(await list('inbox', '&cursor=garbage'), 400, 'VALIDATION_FAILED'))).toEqual(['query.cursor'])
    expect(fieldsOf(expectError(await list('inbox', '&limit=0'), 400, 'VALIDATION_FAILED'))).toEqual(['query.limit'])
    expect(fieldsOf(expectError(await harness.request('GET', '/api/chats'), 400, 'VALIDATION_FAILED'))).toEqual(['query.clientId'])
  })
})
