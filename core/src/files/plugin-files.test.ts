import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ManualClock } from '../clock/index.ts'
import { callerPluginSource, writePlainPlugin, type CallAnswer } from '../privacy/test-support/plain-plugin.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { FileInfo } from './file-service.ts'

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2_000, 0x41), Buffer.from('\n%%EOF\n')])
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(600, 0)])
const b64 = (bytes: Buffer) => ({ $base64: bytes.toString('base64') })

// A plugin that streams a generated file of `size` bytes, to store what never sits in memory.
const streamerSource = `
import { Readable } from 'node:stream'
export default {
  register(plugin) {
    plugin.router.post('/stream', async (ctx) => {
      const { size, maxBytes } = ctx.request.body
      let left = size
      const data = new Readable({ read() { const n = Math.min(left, 64 * 1024); left -= n; this.push(n > 0 ? Buffer.alloc(n, 0x61) : null) } })
      try {
        ctx.body = { result: await plugin.files.put({ name: 'big.txt', type: 'text/plain', data, maxBytes }) }
      } catch (error) {
        ctx.body = { error: { code: error.code, message: error.message, details: error.details ?? null } }
      }
    })
  },
}
`

describe('plugin.files', () => {
  let harness: TestKernel<ManualClock>
  let pluginsDir: string

  const call = async <T = FileInfo>(pluginId: string, method: string, ...args: unknown[]) =>
    (await harness.request<CallAnswer<T>>('POST', `/api/plugins/${pluginId}/call`, { body: { api: 'files', method, args } })).body
  const download = (url: string) => fetch(`${harness.url}${url}`)
  const storedFiles = async (pluginId: string) => readdir(path.join(harness.dataDir, 'files', pluginId)).catch(() => [] as string[])

  beforeAll(async () => {
    pluginsDir = await mkdtemp(path.join(tmpdir(), 'waqtor-files-plugins-'))
    await writePlainPlugin(pluginsDir, { id: 'docs', permissions: ['storage:files'], contributes: { routes: true } }, callerPluginSource)
    await writePlainPlugin(pluginsDir, { id: 'other', permissions: ['storage:files'], contributes: { routes: true } }, callerPluginSource)
    await writePlainPlugin(pluginsDir, { id: 'nofiles', permissions: ['contacts:read'], contributes: { routes: true } }, callerPluginSource)
    await writePlainPlugin(pluginsDir, { id: 'streamer', permissions: ['storage:files'], contributes: { routes: true } }, streamerSource)
    harness = await createTestKernel({ pluginDirs: [pluginsDir], manualClock: true, config: { filesMaxMb: 1 } })
  })
  afterAll(async () => {
    await harness?.close()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  it('stores a file under the data folder and gives it back with size, type and SHA-256', async () => {
    const put = await call('docs', 'put', { name: 'عقد الإيجار.pdf', type: 'application/pdf', data: b64(pdf), sessionId: 'shop', contact: '+966501234567' })
    expect(put.error).toBeUndefined()
    const info = put.result!
    expect(info).toMatchObject({ pluginId: 'docs', name: 'عقد الإيجار.pdf', type: 'application/pdf', size: pdf.length, sessionId: 'shop', contactId: '966501234567@c.us' })
    expect(info.sha256).toBe(createHash('sha256').update(pdf).digest('hex'))
    expect(await readFile(path.join(harness.dataDir, 'files', 'docs', info.id))).toEqual(pdf)

    const got = await call<FileInfo & { bytes: { $base64: string } }>('docs', 'get', info.id)
    expect(Buffer.from(got.result!.bytes.$base64, 'base64')).toEqual(pdf)
    expect((await call<FileInfo[]>('docs', 'list', { contact: '966501234567' })).result?.map((file) => file.id)).toEqual([info.id])
    // Each plugin sees only its own files.
    expect((await call('other', 'get', info.id)).result).toBeNull()
    expect((await call('other', 'delete', info.id)).result).toBe(false)
    expect((await call<FileInfo[]>('other', 'list')).result).toEqual([])
  })

  it('serves a signed link without credentials until it expires, and refuses a changed one', async () => {
    const info = (await call('docs', 'put', { name: 'plan.pdf', type: 'application/pdf', data: b64(pdf) })).result!
    const link = (await call<{ url: string; expiresAt: string }>('docs', 'signedUrl', info.id, { ttlSeconds: 60 })).result!
    expect(link.url).toMatch(/^\/api\/files\/signed\//)
    expect(Date.parse(link.expiresAt)).toBe(Math.floor(harness.clock.now() / 1000) * 1000 + 60_000)

    const ok = await download(link.url)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('application/pdf')
    expect(ok.headers.get('content-disposition')).toContain('plan.pdf')
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(pdf)

    const tampered = link.url.replace(/signature=./, (match) => (match.endsWith('A') ? `${match.slice(0, -1)}B` : `${match.slice(0, -1)}A`))
    const refused = await download(tampered)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'FILE_URL_INVALID', message: expect.stringContaining('رابط') })
    const longer = link.url.replace(/expires=(\d+)/, (_match, expires: string) => `expires=${Number(expires) + 3600}`)
    expect((await download(longer)).status).toBe(403)

    await harness.clock.advance(61_000)
    const expired = await download(link.url)
    expect(expired.status).toBe(403)
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('FILE_URL_EXPIRED')
    expect((await download(`/api/files/signed/${info.id}`)).status).toBe(400)
  })

  it('enforces size limits (operator and per call) while streaming, leaving nothing behind', async () => {
    const before = await storedFiles('streamer')
    const tooBig = (await harness.request<CallAnswer<FileInfo>>('POST', '/api/plugins/streamer/stream', { body: { size: 1024 * 1024 + 1 } })).body
    expect(tooBig.error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: 1024 * 1024 } })
    const perCall = (await harness.request<CallAnswer<FileInfo>>('POST', '/api/plugins/streamer/stream', { body: { size: 5_000, maxBytes: 4_096 } })).body
    expect(perCall.error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: 4_096 } })
    expect(await storedFiles('streamer')).toEqual(before)
    const fits = (await harness.request<CallAnswer<FileInfo>>('POST', '/api/plugins/streamer/stream', { body: { size: 1024 * 1024 } })).body
    expect(fits.result?.size).toBe(1024 * 1024)
  })

  it('enforces allowed types: declared, per call, and by content', async () => {
    expect((await call('docs', 'put', { name: 'run.exe', type: 'application/x-msdownload', data: b64(elf) })).error?.code).toBe('FILE_TYPE_NOT_ALLOWED')
    expect((await call('docs', 'put', { name: 'a.pdf', type: 'application/pdf', data: b64(pdf), allowedTypes: ['image/*'] })).error?.code).toBe('FILE_TYPE_NOT_ALLOWED')
    // Declared as a picture, but the bytes are a program.
    const disguised = await call('docs', 'put', { name: 'cat.png', type: 'image/png', data: b64(elf) })
    expect(disguised.error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', details: { type: 'application/x-elf' } })
    expect((await call<FileInfo[]>('docs', 'list')).result?.map((file) => file.name)).not.toContain('cat.png')
  })

  it('refuses calls without storage:files and names bad arguments', async () => {
    const refused = await call('nofiles', 'put', { name: 'a.txt', type: 'text/plain', data: b64(Buffer.from('hi')) })
    expect(refused.error).toMatchObject({ code: 'PLUGIN_PERMISSION_MISSING', details: { permission: 'storage:files' } })
    const badName = await call('docs', 'put', { name: '../etc/passwd', type: 'text/plain', data: b64(Buffer.from('hi')) })
    expect(badName.error).toMatchObject({ code: 'FILES_INPUT_INVALID', details: [{ field: 'input.name' }] })
    const noSession = await call('docs', 'put', { name: 'a.txt', type: 'text/plain', data: b64(Buffer.from('hi')), contact: '966501234567' })
    expect(noSession.error).toMatchObject({ code: 'FILES_INPUT_INVALID', details: [{ field: 'input.sessionId' }] })
    const info = (await call('docs', 'put', { name: 'a.txt', type: 'text/plain', data: b64(Buffer.from('hi')) })).result!
    const tooLong = await call('docs', 'signedUrl', info.id, { ttlSeconds: 86_401 })
    expect(tooLong.error).toMatchObject({ code: 'FILES_INPUT_INVALID', details: [{ field: 'options.ttlSeconds' }] })
    expect((await call('docs', 'signedUrl', 'no-such-file')).error?.code).toBe('FILE_NOT_FOUND')
  })

  it('deletes a file: its bytes, its row and its links', async () => {
    const info = (await call('docs', 'put', { name: 'gone.pdf', type: 'application/pdf', data: b64(pdf) })).result!
    const link = (await call<{ url: string }>('docs', 'signedUrl', info.id)).result!
    expect((await call('docs', 'delete', info.id)).result).toBe(true)
    expect((await call('docs', 'get', info.id)).result).toBeNull()
    expect(await storedFiles('docs')).not.toContain(info.id)
    const missing = await download(link.url)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('FILE_NOT_FOUND')
  })

  it("deletes a session's files with the session", async () => {
    await harness.createSession('temp')
    const kept = (await call('docs', 'put', { name: 'global.pdf', type: 'application/pdf', data: b64(pdf) })).result!
    const ofSession = (await call('docs', 'put', { name: 'temp.pdf', type: 'application/pdf', data: b64(pdf), sessionId: 'temp' })).result!
    const ofContact = (await call('docs', 'put', { name: 'card.pdf', type: 'application/pdf', data: b64(pdf), sessionId: 'temp', contact: '966501234567' })).result!
    expect((await harness.request('DELETE', '/api/sessions/temp')).status).toBe(204)
    expect((await call('docs', 'get', ofSession.id)).result).toBeNull()
    expect((await call('docs', 'get', ofContact.id)).result).toBeNull()
    expect(await storedFiles('docs')).not.toContain(ofSession.id)
    expect((await call('docs', 'get', kept.id)).result).toMatchObject({ id: kept.id })
  })

  it('keeps files and their links across a restart', async () => {
    const info = (await call('docs', 'put', { name: 'kept.pdf', type: 'application/pdf', data: b64(pdf) })).result!
    const link = (await call<{ url: string }>('docs', 'signedUrl', info.id, { ttlSeconds: 3600 })).result!
    harness = await harness.restart()
    expect((await call<FileInfo>('docs', 'get', info.id)).result).toMatchObject({ id: info.id, sha256: info.sha256 })
    const ok = await download(link.url)
    expect(ok.status).toBe(200)
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(pdf)
  })
})
