import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../../testing/index.ts'
import { fieldsOf, sendMultipart, tinyPng, type ErrorBody } from '../media/test-fixtures/media-requests.ts'
import type { MessageView } from '../message-view.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20] }
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

describe('POST /api/messages/send-media', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel({ config: fastSandbox })
    await harness.createSession('media')
    await harness.createSession('other')
  })
  afterAll(async () => {
    await harness.close()
  })

  const sendJson = <T = MessageView>(body: unknown, headers: Record<string, string> = {}) =>
    harness.request<T>('POST', '/api/messages/send-media?clientId=media', { body, headers })
  const readBack = (id: string) => harness.request<MessageView>('GET', `/api/messages/${encodeURIComponent(id)}?clientId=media`)

  it('sends an uploaded image and stores it with its type and media info', async () => {
    const sent = await sendMultipart(harness, 'media', { to: '+966 50 111 0001', caption: 'the view' }, { bytes: tinyPng, type: 'image/png', name: 'view.png' })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body).toMatchObject({
      sessionId: 'media',
      chatId: '966501110001@c.us',
      fromMe: true,
      type: 'image',
      body: 'the view',
      media: { mimetype: 'image/png', filename: 'view.png', size: tinyPng.length },
    })
    const stored = await readBack(sent.body.id)
    expect(stored.status).toBe(200)
    const { ack: _ack, ackName: _ackName, ackAt: _ackAt, ...sameFields } = sent.body
    expect(stored.body).toMatchObject(sameFields)
  })

  it('recognises an upload sent as application/octet-stream from its content', async () => {
    const sent = await sendMultipart(harness, 'media', { to: '966501110002' }, { bytes: tinyPng, name: 'upload.bin' })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body).toMatchObject({ type: 'image', body: '', media: { mimetype: 'image/png', filename: 'upload.bin', size: tinyPng.length } })
  })

  it('sends a base64 document from JSON and reads it back the same', async () => {
    const sent = await sendJson({ to: '966501110003', data: pdf.toString('base64'), mimetype: 'application/pdf', filename: 'offer.pdf', caption: 'your offer' })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body).toMatchObject({ type: 'document', body: 'your offer', media: { mimetype: 'application/pdf', filename: 'offer.pdf', size: pdf.length } })
    expect((await readBack(sent.body.id)).body.media).toEqual({ mimetype: 'application/pdf', filename: 'offer.pdf', size: pdf.length })
  })

  it('accepts a JSON body above the global 1 MB limit on this route only', async () => {
    const photo = Buffer.concat([tinyPng, Buffer.alloc(1_200_000, 7)])
    const sent = await sendJson({ to: '966501110004', data: photo.toString('base64') })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body).toMatchObject({ type: 'image', media: { mimetype: 'image/png', size: photo.length } })
    const text = await harness.request<ErrorBody>('POST', '/api/messages/send-text?clientId=media', { body: { to: '966501110004', text: 'x'.repeat(1_200_000) } })
    expect(text.status).toBe(413)
  })

  it('takes the type from a data: URL prefix or the file name, and the kind from the request', async () => {
    const fromPrefix = await sendJson({ to: '966501110005', data: `data:image/png;base64,${tinyPng.toString('base64')}`, type: 'document' })
    expect(fromPrefix.status, JSON.stringify(fromPrefix.body)).toBe(201)
    expect(fromPrefix.body).toMatchObject({ type: 'document', media: { mimetype: 'image/png' } })
    const csv = await sendJson({ to: '966501110005', data: Buffer.from('a,b\n1,2\n').toString('base64'), filename: 'prices.csv' })
    expect(csv.status, JSON.stringify(csv.body)).toBe(201)
    expect(csv.body).toMatchObject({ type: 'document', media: { mimetype: 'text/csv', filename: 'prices.csv' } })
    const voice = await sendJson({ to: '966501110005', data: Buffer.from('OggS fake opus').toString('base64'), mimetype: 'audio/ogg; codecs=opus', type: 'voice' })
    expect(voice.status, JSON.stringify(voice.body)).toBe(201)
    expect(voice.body).toMatchObject({ type: 'voice', media: { mimetype: 'audio/ogg; codecs=opus' } })
  })

  it('refuses a file whose type cannot be told, naming body.mimetype', async () => {
    const unknown = await sendJson<ErrorBody>({ to: '966501110006', data: Buffer.from('just some bytes').toString('base64') })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.code).toBe('MEDIA_TYPE_UNKNOWN')
    expect(fieldsOf(unknown)).toEqual(['body.mimetype'])
    const invalid = await sendJson<ErrorBody>({ to: '966501110006', data: pdf.toString('base64'), mimetype: 'pdf' })
    expect(invalid.status).toBe(400)
    expect(fieldsOf(invalid)).toEqual(['body.mimetype'])
  })

  it('refuses a kind that does not match the file, naming body.type', async () => {
    const sent = await sendJson<ErrorBody>({ to: '966501110007', data: pdf.toString('base64'), mimetype: 'application/pdf', type: 'image' })
    expect(sent.status).toBe(400)
    expect(sent.body.error.code).toBe('MEDIA_TYPE_MISMATCH')
    expect(fieldsOf(sent)).toEqual(['body.type'])
  })

  it('answers bad input with 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ data: pdf.toString('base64'), mimetype: 'application/pdf' }, 'body.to'],
      [{ to: '966501110008' }, 'body.data'],
      [{ to: '966501110008', data: 'bm90IGJhc2U2NA==', url: 'https://example.com/a.png' }, 'body.data'],
      [{ to: '966501110008', data: 'not base64!' }, 'body.data'],
      [{ to: '966501110008', url: 'ftp://example.com/a.png' }, 'body.url'],
      [{ to: '966501110008', data: pdf.toString('base64'), type: 'sticker' }, 'body.type'],
      [{ to: 'nobody', data: pdf.toString('base64'), mimetype: 'application/pdf' }, 'body.to'],
      [{ to: '966501110008', data: pdf.toString('base64'), extra: 1 }, 'body.extra'],
    ]
    for (const [body, field] of cases) {
      const sent = await sendJson<ErrorBody>(body)
      expect(sent.status, JSON.stringify(body)).toBe(400)
      expect(fieldsOf(sent), JSON.stringify(body)).toContain(field)
    }
    const upload = await sendMultipart<ErrorBody>(harness, 'media', { to: '966501110008' }, { bytes: tinyPng, type: 'image/png', name: 'a.png', field: 'photo' })
    expect(upload.status).toBe(400)
    expect(fieldsOf(upload)).toEqual(['body.photo'])
    const both = await sendMultipart<ErrorBody>(harness, 'media', { to: '966501110008', url: 'https://example.com/a.png' }, { bytes: tinyPng, type: 'image/png', name: 'a.png' })
    expect(both.status).toBe(400)
    expect(fieldsOf(both)).toEqual(['body.url'])
  })

  it('answers malformed JSON with 400 INVALID_JSON and other content types with 415', async () => {
    const malformed = await harness.request<ErrorBody>('POST', '/api/messages/send-media?clientId=media', { body: '{"to": "9665', headers: { 'content-type': 'application/json' } })
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('INVALID_JSON')
    const text = await harness.request<ErrorBody>('POST', '/api/messages/send-media?clientId=media', { body: 'hello', headers: { 'content-type': 'text/plain' } })
    expect(text.status).toBe(415)
    expect(fieldsOf(text)).toEqual(['headers.content-type'])
  })

  it('sends once for a retried Idempotency-Key, and refuses the key for another file', async () => {
    const headers = { 'idempotency-key': 'media-retry-1' }
    const first = await sendMultipart(harness, 'media', { to: '966501110009', caption: 'once' }, { bytes: tinyPng, type: 'image/png', name: 'once.png' }, { headers })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const retry = await sendMultipart(harness, 'media', { to: '966501110009', caption: 'once' }, { bytes: tinyPng, type: 'image/png', name: 'once.png' }, { headers })
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.id).toBe(first.body.id)
    const other = await sendMultipart<ErrorBody>(harness, 'media', { to: '966501110009', caption: 'once' }, { bytes: pdf, type: 'application/pdf', name: 'once.png' }, { headers })
    expect(other.status).toBe(409)
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')

    const jsonHeaders = { 'idempotency-key': 'media-retry-2' }
    const body = { to: '966501110009', data: pdf.toString('base64'), mimetype: 'application/pdf', filename: 'a.pdf' }
    const jsonFirst = await sendJson(body, jsonHeaders)
    const jsonRetry = await sendJson(body, jsonHeaders)
    expect(jsonRetry.body.id).toBe(jsonFirst.body.id)

    const chat = await harness.request<{ items: MessageView[] }>('GET', '/api/messages?clientId=media&chatId=966501110009')
    expect(chat.body.items).toHaveLength(2)
  })

  it('lets only writers granted the session send', async () => {
    const viewer = await harness.createApiKey('viewer', ['media'])
    const asViewer = await sendMultipart<ErrorBody>(harness, 'media', { to: '966501110010' }, { bytes: tinyPng, type: 'image/png', name: 'a.png' }, { apiKey: viewer.key })
    expect(asViewer.status).toBe(403)
    const elsewhere = await harness.createApiKey('agent', ['other'])
    const scoped = await sendMultipart<ErrorBody>(harness, 'media', { to: '966501110010' }, { bytes: tinyPng, type: 'image/png', name: 'a.png' }, { apiKey: elsewhere.key })
    expect(scoped.status).toBe(404)
    expect(scoped.body.error.code).toBe('SESSION_NOT_FOUND')
    const anonymous = await harness.request<ErrorBody>('POST', '/api/messages/send-media?clientId=media', { anonymous: true, body: { to: '966501110010', data: 'AAAA' } })
    expect(anonymous.status).toBe(401)
    const missing = await harness.request<ErrorBody>('POST', '/api/messages/send-media?clientId=nope', { body: { to: '966501110010', data: pdf.toString('base64') } })
    expect(missing.status).toBe(404)
  })
})
