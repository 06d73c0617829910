import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../logging/create-logger.ts'
import { createTestKernel, type TestKernel } from '../../testing/index.ts'
import { fixturePath, type ErrorBody } from '../test-fixtures/fixture-helpers.ts'

interface SessionPluginView {
  enabled: boolean
  settings: Record<string, unknown>
  effectiveSettings: Record<string, unknown>
  secrets: Record<string, { set: boolean; source: 'session' | 'global' | null }>
}

const globalKey = 'global-crm-key-0001'
const sessionKey = 'session-crm-key-0002'
const webhookToken = 'session-webhook-token-0003'

// crm-sync declares crm.apiKey (writeOnly) and webhookToken (x-secret); the config file gives a
// global API key. Viewers and agents granted the session must never read either value.
describe('secret and nested plugin settings', () => {
  const logLines: string[] = []
  let harness: TestKernel
  let agent: { token: string }
  let viewer: { token: string }

  const url = '/api/sessions/shop/plugins/crm-sync'
  const put = (body: unknown, token?: string) => harness.request<SessionPluginView & ErrorBody>('PUT', url, { body, token })
  const get = (token?: string) => harness.request<SessionPluginView>('GET', url, { token })
  const pluginSees = async () => (await harness.request<Record<string, Record<string, unknown>>>('GET', '/api/plugins/crm-sync/config/shop')).body

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString())
        done()
      },
    })
    harness = await createTestKernel({
      pluginDirs: [fixturePath('secrets')],
      plugins: { 'crm-sync': { crm: { apiKey: globalKey, retry: { attempts: 5 } }, tags: ['vip', 'new'] } },
      logger: createLogger('trace', destination),
    })
    await harness.createSession('shop')
    agent = await harness.createUser('agent', ['shop'])
    viewer = await harness.createUser('viewer', ['shop'])
  })
  afterAll(async () => {
    await harness.close()
  })

  it('answers whether a global secret is set, never its value, to a viewer', async () => {
    const state = await get(viewer.token)
    expect(state.status).toBe(200)
    expect(JSON.stringify(state.body)).not.toContain(globalKey)
    expect(state.body.effectiveSettings).toEqual({ crm: { endpoint: 'https://crm.example.com', retry: { attempts: 5, delayMs: 1000 } }, tags: ['vip', 'new'] })
    expect(state.body.secrets).toEqual({ 'crm.apiKey': { set: true, source: 'global' }, webhookToken: { set: false, source: null } })
    const listed = await harness.request<{ items: SessionPluginView[] }>('GET', '/api/sessions/shop/plugins', { token: viewer.token })
    expect(JSON.stringify(listed.body)).not.toContain(globalKey)
    expect(listed.body.items[0]?.secrets['crm.apiKey']).toEqual({ set: true, source: 'global' })
    expect((await pluginSees()).crm?.apiKey).toBe(globalKey)
  })

  it('merges nested settings deeply (defaults, global, session) and replaces arrays', async () => {
    const saved = await put({ enabled: true, settings: { crm: { retry: { delayMs: 50 } }, tags: ['cold'] } }, agent.token)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.effectiveSettings).toEqual({ crm: { endpoint: 'https://crm.example.com', retry: { attempts: 5, delayMs: 50 } }, tags: ['cold'] })
    expect(await pluginSees()).toEqual({ crm: { endpoint: 'https://crm.example.com', apiKey: globalKey, retry: { attempts: 5, delayMs: 50 } }, tags: ['cold'] })
  })

  it('refuses an agent who sets or clears a secret with 403 naming the field', async () => {
    const setting = await put({ settings: { crm: { apiKey: 'agent-chosen-key' } } }, agent.token)
    expect(setting.status).toBe(403)
    expect(setting.body.error.code).toBe('PLUGIN_SECRET_ADMIN_ONLY')
    expect(setting.body.error.message).toContain('body.settings.crm.apiKey')
    expect(setting.body.error.details).toEqual([{ field: 'body.settings.crm.apiKey', message: 'only an admin may set a secret setting' }])
    const clearing = await put({ clearSecrets: ['crm.apiKey'] }, agent.token)
    expect(clearing.status).toBe(403)
    expect(clearing.body.error.code).toBe('PLUGIN_SECRET_ADMIN_ONLY')
    expect((await pluginSees()).crm?.apiKey).toBe(globalKey)
  })

  it('lets an admin set secrets for a session, answering only that they are set', async () => {
    const saved = await put({ settings: { crm: { apiKey: sessionKey, retry: { delayMs: 50 } }, webhookToken, tags: ['cold'] } })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(JSON.stringify(saved.body)).not.toContain(sessionKey)
    expect(JSON.stringify(saved.body)).not.toContain(webhookToken)
    expect(saved.body.settings).toEqual({ crm: { retry: { delayMs: 50 } }, tags: ['cold'] })
    expect(saved.body.secrets).toEqual({ 'crm.apiKey': { set: true, source: 'session' }, webhookToken: { set: true, source: 'session' } })
    expect(await pluginSees()).toMatchObject({ crm: { apiKey: sessionKey }, webhookToken })
  })

  it('keeps stored secrets when a PUT leaves them out, so others can save the rest', async () => {
    const saved = await put({ settings: { crm: { endpoint: 'https://other.example.com' }, tags: [] } }, agent.token)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.secrets['crm.apiKey']).toEqual({ set: true, source: 'session' })
    expect(await pluginSees()).toEqual({ crm: { endpoint: 'https://other.example.com', apiKey: sessionKey, retry: { attempts: 5, delayMs: 1000 } }, webhookToken, tags: [] })
    const toggled = await put({ enabled: false }, agent.token)
    expect(toggled.body.secrets.webhookToken).toEqual({ set: true, source: 'session' })
  })

  it('validates a secret an admin sets, naming the field without echoing the value', async () => {
    const short = await put({ settings: { crm: { apiKey: 'short' } } })
    expect(short.status).toBe(400)
    expect(short.body.error.details).toEqual([expect.objectContaining({ field: 'body.settings.crm.apiKey' })])
    expect(JSON.stringify(short.body)).not.toContain('"short"')
  })

  it('clears a session secret on an admin\'s explicit request, falling back to the global value', async () => {
    const unknown = await put({ clearSecrets: ['crm.endpoint'] })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.code).toBe('PLUGIN_SECRET_UNKNOWN')
    const cleared = await put({ clearSecrets: ['crm.apiKey', 'webhookToken'] })
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200)
    expect(cleared.body.secrets).toEqual({ 'crm.apiKey': { set: true, source: 'global' }, webhookToken: { set: false, source: null } })
    expect(cleared.body.settings).toEqual({ crm: { endpoint: 'https://other.example.com' }, tags: [] })
    const seen = await pluginSees()
    expect(seen.crm?.apiKey).toBe(globalKey)
    expect(seen).not.toHaveProperty('webhookToken')
  })

  it('writes no secret value to the logs', () => {
    expect(logLines.length).toBeGreaterThan(0)
    const all = logLines.join('')
    for (const secret of [globalKey, sessionKey, webhookToken, 'agent-chosen-key']) expect(all).not.toContain(secret)
  })
})
