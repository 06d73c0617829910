import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageReceived, type MessageEventPayload } from '../bus/core-events.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'

// The plain-JavaScript plugin that docs/plugins.md walks through must really work.
const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/plugins')

function inbound(sessionId: string, from: string): MessageEventPayload {
  return { sessionId, messageId: `${from}-${Math.random()}`, chatId: from, from, to: 'me@c.us', type: 'text', body: 'hi', timestamp: new Date().toISOString(), fromMe: false }
}

describe('the documented example plugin (examples/plugins/contact-counter)', () => {
  let harness: TestKernel
  const milestones: Array<{ sessionId: string; contact: string; count: number }> = []

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [examplesDir] })
    await harness.createSession('shop')
    await harness.createSession('clinic')
    harness.kernel.bus.onAny((name, payload) => {
      if (name === 'contact-counter.milestone.reached') milestones.push(payload as (typeof milestones)[number])
    }, { id: 'test.milestones' })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('loads from a plugin folder as a started, session-scoped plugin', async () => {
    const plugins = await harness.request<{ items: Array<{ id: string; status: string; scope: string }> }>('GET', '/api/plugins')
    expect(plugins.body.items).toContainEqual(expect.objectContaining({ id: 'contact-counter', status: 'started', scope: 'session' }))
  })

  it('counts only sessions where it is enabled, with their own milestone', async () => {
    const enabled = await harness.request('PUT', '/api/sessions/shop/plugins/contact-counter', { body: { enabled: true, settings: { milestone: 2 } } })
    expect(enabled.status).toBe(200)

    for (const sessionId of ['shop', 'clinic']) {
      await harness.kernel.bus.emit(messageReceived, inbound(sessionId, '111@c.us'))
      await harness.kernel.bus.emit(messageReceived, inbound(sessionId, '111@c.us'))
    }
    await harness.kernel.bus.idle()

    const shop = await harness.request<{ contacts: Record<string, number> }>('GET', '/api/plugins/contact-counter/counts/shop')
    expect(shop.body.contacts).toEqual({ '111@c.us': 2 })
    const clinic = await harness.request<{ contacts: Record<string, number> }>('GET', '/api/plugins/contact-counter/counts/clinic')
    expect(clinic.body.contacts).toEqual({})
    expect(milestones).toEqual([{ sessionId: 'shop', contact: '111@c.us', count: 2 }])
  })

  it('refuses settings its configSchema does not allow, naming the field', async () => {
    const refused = await harness.request<{ error: { details: Array<{ field: string }> } }>('PUT', '/api/sessions/shop/plugins/contact-counter', {
      body: { settings: { milestone: 0 } },
    })
    expect(refused.status).toBe(400)
    expect(refused.body.error.details.map((detail) => detail.field)).toContain('body.settings.milestone')
  })

  it('hides a session the caller is not granted', async () => {
    const key = await harness.createApiKey('agent', ['clinic'])
    const hidden = await harness.request('GET', '/api/plugins/contact-counter/counts/shop', { apiKey: key.key })
    expect(hidden.status).toBe(404)
  })
})
