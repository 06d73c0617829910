import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../../testing/index.ts'
import { fieldsOf, sendMultipart, tinyPng, type ErrorBody } from '../media/test-fixtures/media-requests.ts'
import type { MessageView } from '../message-view.ts'

const fastSandbox = { sandboxAckDelaysMs: [5, 10, 15, 20] }
const oneMegabyte = 1024 * 1024

/** A file server on 127.0.0.1, the kind of address media URLs may not reach by default. */
async function startFileServer(): Promise<{ server: Server; base: string; hits: () => number }> {
  let hits = 0
  const server = createServer((req, res) => {
    hits++
    if (req.url === '/photos/house%201.png') {
      res.setHeader('content-type', 'image/png')
      res.end(tinyPng)
    } else if (req.url === '/big.png') {
      res.setHeader('content-type', 'image/png')
      res.end(Buffer.concat([tinyPng, Buffer.alloc(oneMegabyte)]))
    } else if (req.url === '/moved') {
      res.statusCode = 302
      res.setHeader('location', '/photos/house%201.png')
      res.end()
    } else {
      res.statusCode = 404
      res.end('not here')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits }
}

describe('send-media from a URL, and size limits', () => {
  let files: Awaited<ReturnType<typeof startFileServer>>
  let strict: TestKernel
  let permissive: TestKernel

  beforeAll(async () => {
    files = await startFileServer()
    strict = await createTestKernel({ config: fastSandbox })
    permissive = await createTestKernel({ config: { ...fastSandbox, outboundAllowPrivate: true, mediaMaxMb: 1 } })
    await strict.createSession('media')
    await permissive.createSession('media')
  })
  afterAll(async () => {
    await strict.close()
    await permissive.close()
    await new Promise<void>((resolve) => files.server.close(() => resolve()))
  })

  const sendJson = <T = MessageView>(harness: TestKernel, body: unknown) => harness.request<T>('POST', '/api/messages/send-media?clientId=media', { body })

  it('refuses a URL on a loopback address by default, naming body.url, without fetching it', async () => {
    const before = files.hits()
    const sent = await sendJson<ErrorBody>(strict, { to: '966502220001', url: `${files.base}/photos/house%201.png` })
    expect(sent.status).toBe(400)
    expect(sent.body.error.code).toBe('MEDIA_URL_REFUSED')
    expect(fieldsOf(sent)).toEqual(['body.url'])
    const viaName = await sendJson<ErrorBody>(strict, { to: '966502220001', url: files.base.replace('127.0.0.1', 'localhost') + '/photos/house%201.png' })
    expect(viaName.status).toBe(400)
    expect(fieldsOf(viaName)).toEqual(['body.url'])
    expect(files.hits()).toBe(before)
  })

  it('downloads a URL when the operator allows private addresses', async () => {
    const sent = await sendJson(permissive, { to: '966502220002', url: `${files.base}/moved`, caption: 'the house' })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body).toMatchObject({ type: 'image', body: 'the house', media: { mimetype: 'image/png', filename: 'house 1.png', size: tinyPng.length } })
    const stored = await permissive.request<MessageView>('GET', `/api/messages/${encodeURIComponent(sent.body.id)}?clientId=media`)
    expect(stored.body.media).toEqual(sent.body.media)
  })

  it('answers 502 naming body.url when the URL gives no file', async () => {
    const sent = await sendJson<ErrorBody>(permissive, { to: '966502220003', url: `${files.base}/missing.png` })
    expect(sent.status).toBe(502)
    expect(sent.body.error.code).toBe('MEDIA_URL_FETCH_FAILED')
    expect(fieldsOf(sent)).toEqual(['body.url'])
  })

  it('answers 413 naming the field for a file above WAQTOR_MEDIA_MAX_MB', async () => {
    const big = Buffer.concat([tinyPng, Buffer.alloc(oneMegabyte)])
    const upload = await sendMultipart<ErrorBody>(permissive, 'media', { to: '966502220004' }, { bytes: big, type: 'image/png', name: 'big.png' })
    expect(upload.status).toBe(413)
    expect(upload.body.error.code).toBe('MEDIA_TOO_LARGE')
    expect(fieldsOf(upload)).toEqual(['body.file'])

    const data = await sendJson<ErrorBody>(permissive, { to: '966502220004', data: big.toString('base64') })
    expect(data.status).toBe(413)
    expect(fieldsOf(data)).toEqual(['body.data'])

    const hugeBody = await sendJson<ErrorBody>(permissive, { to: '966502220004', data: Buffer.alloc(3 * oneMegabyte).toString('base64') })
    expect(hugeBody.status).toBe(413)
    expect(fieldsOf(hugeBody)).toEqual(['body.data'])

    const url = await sendJson<ErrorBody>(permissive, { to: '966502220004', url: `${files.base}/big.png` })
    expect(url.status).toBe(413)
    expect(fieldsOf(url)).toEqual(['body.url'])

    const fits = await sendMultipart(permissive, 'media', { to: '966502220004' }, { bytes: big.subarray(0, oneMegabyte), type: 'image/png', name: 'fits.png' })
    expect(fits.status, JSON.stringify(fits.body)).toBe(201)
    expect(fits.body.media?.size).toBe(oneMegabyte)
  })
})
