import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionQrReceived } from '../bus/core-events.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { expectError, fieldsOf, type SessionDetail, type SessionView } from './test-fixtures/api-responses.ts'
import { recordEvents, waitUntil } from './test-fixtures/wait-for-event.ts'

const qrRotateMs = 150
const config = { sandboxAckDelaysMs: [5, 10, 15, 20], sandboxQrRotateMs: qrRotateMs }

interface QrAnswer {
  clientId: string
  status: string
  qr: string
  dataUrl: string
  receivedAt: string
}

describe('a sandbox session created to link with a QR code', () => {
  let harness: TestKernel
  const qrOf = (clientId: string) => harness.request<QrAnswer>('GET', `/api/sessions/${clientId}/qr`)
  const detail = async (clientId: string) => (await harness.request<SessionDetail>('GET', `/api/sessions/${clientId}`)).body
  const scan = (clientId: string, token?: string) => harness.request<SessionView>('POST', `/api/sessions/${clientId}/sandbox/scan`, token ? { token } : {})

  beforeAll(async () => {
    harness = await createTestKernel({ config })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('shows a QR code that changes until it is scanned, then is ready', async () => {
    const shown = recordEvents(harness.kernel.bus, sessionQrReceived, (event) => event.sessionId === 'linked')
    const created = await harness.request<SessionDetail>('POST', '/api/sessions/create', { body: { clientId: 'linked', driver: 'sandbox', linkWithQr: true } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ status: 'qr', qrPending: true, phone: null })

    const first = await qrOf('linked')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ clientId: 'linked', status: 'qr', dataUrl: expect.stringMatching(/^data:image\/png;base64,/) })
    const rotated = await waitUntil(() => qrOf('linked'), (answer) => answer.body.qr !== first.body.qr, 5_000)
    expect(rotated.body.status).toBe('qr')
    expect(shown.events.map((event) => event.qr)).toContain(rotated.body.qr)
    expectError(await harness.request('POST', '/api/messages/send-text?clientId=linked', { body: { to: '+15550107777', text: 'too early' } }), 409, 'SESSION_NOT_READY')

    const scanned = await scan('linked')
    expect(scanned.status, JSON.stringify(scanned.body)).toBe(200)
    expect(scanned.body).toMatchObject({ clientId: 'linked', status: 'ready', qrPending: false, phone: expect.stringMatching(/^\d{7,15}$/) })
    expectError(await qrOf('linked'), 409, 'SESSION_QR_NOT_AVAILABLE')
    const rotations = shown.events.length
    await new Promise((resolve) => setTimeout(resolve, qrRotateMs * 3))
    expect(shown.events).toHaveLength(rotations)
    shown.dispose()
    expect((await harness.request('POST', '/api/messages/send-text?clientId=linked', { body: { to: '+15550107777', text: 'linked now' } })).status).toBe(201)
  })

  it('refuses a scan when no QR code is on show, with 409 SESSION_QR_NOT_AVAILABLE', async () => {
    expectError(await scan('linked'), 409, 'SESSION_QR_NOT_AVAILABLE')
    await harness.createSession('plain')
    expect((await detail('plain')).status).toBe('ready')
    expectError(await scan('plain'), 409, 'SESSION_QR_NOT_AVAILABLE')
    expectError(await scan('nowhere'), 404, 'SESSION_NOT_FOUND')
  })

  it('lets writers of the session scan, not viewers, and hides sessions not granted', async () => {
    await harness.request('POST', '/api/sessions/create', { body: { clientId: 'guarded', driver: 'sandbox', linkWithQr: true } })
    const viewer = await harness.createUser('viewer', ['guarded'])
    expectError(await scan('guarded', viewer.token), 403, 'FORBIDDEN_ROLE')
    const outsider = await harness.createUser('agent', ['plain'])
    expectError(await scan('guarded', outsider.token), 404, 'SESSION_NOT_FOUND')
    const agent = await harness.createUser('agent', ['guarded'])
    expect((await scan('guarded', agent.token)).body.status).toBe('ready')
  })

  it('keeps waiting for the scan across a restart of the session', async () => {
    await harness.request('POST', '/api/sessions/create', { body: { clientId: 'waiting', driver: 'sandbox', linkWithQr: true } })
    const restarted = await harness.request<SessionDetail>('POST', '/api/sessions/waiting/restart')
    expect(restarted.body).toMatchObject({ status: 'qr', qrPending: true })
    expect((await qrOf('waiting')).status).toBe(200)
  })

  it('refuses a linkWithQr that is not a boolean, naming body.linkWithQr', async () => {
    const error = expectError(await harness.request('POST', '/api/sessions/create', { body: { clientId: 'odd', driver: 'sandbox', linkWithQr: 'yes' } }), 400, 'VALIDATION_FAILED')
    expect(fieldsOf(error)).toEqual(['body.linkWithQr'])
  })

  it('stays linked across a restart of the session and of the kernel, without a QR code', async () => {
    const phone = (await detail('linked')).phone
    const restarted = await harness.request<SessionDetail>('POST', '/api/sessions/linked/restart')
    expect(restarted.body).toMatchObject({ status: 'ready', qrPending: false, phone })

    harness = await harness.restart()
    const linked = await waitUntil(() => detail('linked'), (session) => session.status === 'ready')
    expect(linked).toMatchObject({ qrPending: false, phone })
    expectError(await qrOf('linked'), 409, 'SESSION_QR_NOT_AVAILABLE')
    const waiting = await waitUntil(() => detail('waiting'), (session) => session.status === 'qr')
    expect(waiting.qrPending).toBe(true)
    expect((await scan('waiting')).body.status).toBe('ready')
  })
})
