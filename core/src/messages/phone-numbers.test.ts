import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../errors/app-error.ts'
import { expectError, fieldsOf, type MessagePage, type MessageView } from '../sessions/test-fixtures/api-responses.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { normalizeChatId } from './chat-id.ts'

describe('phone numbers and chat ids', () => {
  it('turns the ways people write a number into one chat id', () => {
    for (const written of ['+966 50 123 4567', '966501234567', '+966-50-123-4567', '(966) 50 123 4567', ' 966501234567@c.us ']) {
      expect(normalizeChatId(written, 'body.to'), written).toBe('966501234567@c.us')
    }
    expect(normalizeChatId('120363025555555555@g.us', 'body.to')).toBe('120363025555555555@g.us')
  })

  it('refuses what is not a number, naming the field', () => {
    for (const written of ['12ab', '+0123', '123', '+1234567890123456', '966501234567@s.whatsapp.net', '']) {
      let caught: unknown
      try {
        normalizeChatId(written, 'body.to')
      } catch (error) {
        caught = error
      }
      expect(caught, written).toBeInstanceOf(AppError)
      expect(caught).toMatchObject({ code: 'INVALID_PHONE', status: 400, details: [expect.objectContaining({ field: 'body.to' })] })
    }
  })
})

describe('sending to numbers written in different ways', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ config: { sandboxAckDelaysMs: [5, 10, 15, 20] } })
    await harness.createSession('a')
  })
  afterAll(async () => {
    await harness.close()
  })

  const send = (to: string, text: string) => harness.request<MessageView>('POST', '/api/messages/send-text?clientId=a', { body: { to, text } })

  it('sends to "+966 50 123 4567" and to "966501234567@c.us" in the same chat', async () => {
    const spaced = await send('+966 50 123 4567', 'spaced')
    const chatId = await send('966501234567@c.us', 'chat id')
    expect(spaced.status, JSON.stringify(spaced.body)).toBe(201)
    expect(chatId.status).toBe(201)
    expect(spaced.body.chatId).toBe('966501234567@c.us')
    expect(chatId.body.chatId).toBe('966501234567@c.us')

    const chat = await harness.request<MessagePage>('GET', `/api/messages?clientId=a&chatId=${encodeURIComponent('+966501234567')}`)
    expect(chat.status).toBe(200)
    expect(chat.body.items.map((item) => item.body).sort()).toEqual(['chat id', 'spaced'])
  })

  it('answers 400 INVALID_PHONE naming body.to for "12ab" and "+0123", and sends nothing', async () => {
    for (const to of ['12ab', '+0123']) {
      const error = expectError(await send(to, `to ${to}`), 400, 'INVALID_PHONE')
      expect(fieldsOf(error), to).toEqual(['body.to'])
    }
    const all = await harness.request<MessagePage>('GET', '/api/messages?clientId=a')
    expect(all.body.items.map((item) => item.body)).not.toContain('to 12ab')
    expect(all.body.items.map((item) => item.body)).not.toContain('to +0123')
  })

  it('names query.chatId when the chat filter is not a number', async () => {
    const error = expectError(await harness.request('GET', '/api/messages?clientId=a&chatId=12ab'), 400, 'INVALID_PHONE')
    expect(fieldsOf(error)).toEqual(['query.chatId'])
  })
})
