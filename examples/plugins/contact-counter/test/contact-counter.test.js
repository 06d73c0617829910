// The plugin's tests, written as its author would outside the WaQtor repository: plain JavaScript,
// vitest, and the test harness of the published @waqtor/core package. `npm test` runs them.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel } from '@waqtor/core/testing'

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const customer = '+966501112233'
const customerChat = '966501112233@c.us'

describe('contact-counter', () => {
  let harness
  const milestones = []

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [pluginDir] })
    await harness.createSession('shop')
    await harness.createSession('clinic')
    harness.kernel.bus.on({ name: 'contact-counter.milestone.reached' }, (payload) => void milestones.push(payload), { id: 'test.milestones' })
  })
  afterAll(async () => {
    await harness?.close()
  })

  const counts = async (sessionId, options) => (await harness.request('GET', `/api/plugins/contact-counter/counts/${sessionId}`, options))

  it('starts as a session-scoped plugin', async () => {
    const plugins = await harness.request('GET', '/api/plugins')
    expect(plugins.body.items).toContainEqual(expect.objectContaining({ id: 'contact-counter', status: 'started', scope: 'session' }))
  })

  it('counts messages only on sessions where it is enabled, and announces the milestone once', async () => {
    const enabled = await harness.request('PUT', '/api/sessions/shop/plugins/contact-counter', { body: { enabled: true, settings: { milestone: 2 } } })
    expect(enabled.status).toBe(200)

    for (const sessionId of ['shop', 'clinic']) {
      await harness.inbound(sessionId, customer, 'hello')
      await harness.inbound(sessionId, customer, 'are you open today?')
      await harness.inbound(sessionId, customer, 'thanks')
    }
    // inbound() resolves once a message is stored and emitted; wait for the plugin's handler too.
    await harness.kernel.bus.idle()

    expect((await counts('shop')).body).toEqual({ sessionId: 'shop', enabled: true, contacts: { [customerChat]: 3 } })
    expect((await counts('clinic')).body).toEqual({ sessionId: 'clinic', enabled: false, contacts: {} })
    expect(milestones).toEqual([{ sessionId: 'shop', contact: customerChat, count: 2 }])
  })

  it('refuses settings its configSchema does not allow, naming the field', async () => {
    const refused = await harness.request('PUT', '/api/sessions/shop/plugins/contact-counter', { body: { settings: { milestone: 0 } } })
    expect(refused.status).toBe(400)
    expect(refused.body.error.details.map((detail) => detail.field)).toContain('body.settings.milestone')
  })

  it('answers a session the caller is not granted as not found', async () => {
    const key = await harness.createApiKey('agent', ['clinic'])
    expect((await counts('shop', { apiKey: key.key })).status).toBe(404)
    expect((await counts('clinic', { apiKey: key.key })).status).toBe(200)
  })

  it('keeps working after a restart, counting again from zero (counts live in memory)', async () => {
    harness = await harness.restart()
    await harness.inbound('shop', customer, 'back again')
    await harness.kernel.bus.idle()
    expect((await counts('shop')).body.contacts).toEqual({ [customerChat]: 1 })
  })
})
