import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineEvent } from '../bus/define-event.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixturePath, thingHappened, type ErrorBody } from './test-fixtures/fixture-helpers.ts'

// emitter emits on request; muter intercepts muted test events; global-echo records what it gets.
describe('the bus as plugins see it', () => {
  let harness: TestKernel
  const seenByKernel: string[] = []

  const echoed = async () => (await harness.request<{ items: string[] }>('GET', '/api/plugins/global-echo/received')).body.items

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixturePath('per-session')] })
    harness.kernel.bus.on(thingHappened, (thing) => void seenByKernel.push(thing.label), { id: 'test.things' })
    harness.kernel.bus.on(defineEvent<{ label: string }>('emitter.thing.happened'), (thing) => void seenByKernel.push(`emitter:${thing.label}`), { id: 'test.emitter' })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('lets a plugin emit its own events', async () => {
    const emitted = await harness.request('POST', '/api/plugins/emitter/emit', { body: { name: 'emitter.thing.happened', label: 'mine' } })
    expect(emitted.status).toBe(204)
    await harness.kernel.bus.idle()
    expect(seenByKernel).toContain('emitter:mine')
  })

  it('refuses an event not prefixed by the plugin id with PLUGIN_EVENT_NOT_OWNED', async () => {
    const refused = await harness.request<ErrorBody>('POST', '/api/plugins/emitter/emit', { body: { name: 'test.thing.happened', label: 'forged' } })
    expect(refused.body.error.code).toBe('PLUGIN_EVENT_NOT_OWNED')
    expect(refused.body.error.message).toContain('plugin "emitter"')
    expect(refused.body.error.message).toContain('"test.thing.happened"')
    await harness.kernel.bus.idle()
    expect(seenByKernel).not.toContain('forged')
    expect(await echoed()).not.toContain('forged')
  })

  it("lets a plugin's interceptor drop events before other plugins' handlers see them", async () => {
    await harness.kernel.bus.emit(thingHappened, { sessionId: 'a', label: 'hush', mute: true })
    await harness.kernel.bus.emit(thingHappened, { sessionId: 'a', label: 'loud' })
    await harness.kernel.bus.idle()
    expect(await echoed()).toEqual(['loud'])
    expect(seenByKernel).not.toContain('hush')
    expect(seenByKernel).toContain('loud')
  })
})
