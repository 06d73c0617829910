import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pluginSessionDisabled, pluginSessionEnabled, type PluginSessionPayload } from '../bus/core-events.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixturePath, thingHappened, type ErrorBody, type PluginList } from './test-fixtures/fixture-helpers.ts'

interface Greeted {
  sessionId: string | null
  label: string
  greeting: string | null
}

interface SessionPluginView {
  pluginId: string
  sessionId: string
  enabled: boolean
  settings: Record<string, unknown>
  effectiveSettings: Record<string, unknown>
}

// greeter is session-scoped; global-echo is global and proves the events were really emitted.
describe('per-session enablement of a session-scoped plugin', () => {
  let harness: TestKernel
  const announced: Array<{ event: string } & PluginSessionPayload> = []

  const emitToBoth = async (label: string) => {
    for (const sessionId of ['a', 'b']) await harness.kernel.bus.emit(thingHappened, { sessionId, label: `${label}-${sessionId}` })
    await harness.kernel.bus.idle()
  }
  const greeterGot = async (label: string) => {
    const received = await harness.request<{ items: Greeted[] }>('GET', '/api/plugins/greeter/received')
    return received.body.items.filter((item) => item.label.startsWith(`${label}-`))
  }
  const echoGot = async (label: string) => {
    const received = await harness.request<{ items: string[] }>('GET', '/api/plugins/global-echo/received')
    return received.body.items.filter((item) => item.startsWith(`${label}-`))
  }
  const put = (session: string, plugin: string, body: unknown) => harness.request<SessionPluginView & ErrorBody>('PUT', `/api/sessions/${session}/plugins/${plugin}`, { body })

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixturePath('per-session')] })
    await harness.createSession('a')
    await harness.createSession('b')
    for (const event of [pluginSessionEnabled, pluginSessionDisabled]) {
      harness.kernel.bus.on(event, (payload) => void announced.push({ event: event.name, ...payload }), { id: `test.${event.name}` })
    }
  })
  afterAll(async () => {
    await harness.close()
  })

  it('lists the plugin as session-scoped and started', async () => {
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.body.items.find((item) => item.id === 'greeter')).toMatchObject({ scope: 'session', status: 'started' })
  })

  it('receives nothing before it is enabled for a session', async () => {
    await emitToBoth('before')
    expect(await echoGot('before')).toEqual(['before-a', 'before-b'])
    expect(await greeterGot('before')).toEqual([])
    const state = await harness.request<SessionPluginView>('GET', '/api/sessions/a/plugins/greeter')
    expect(state.body).toMatchObject({ enabled: false, settings: {}, effectiveSettings: { greeting: 'hi' } })
  })

  it('is enabled for one session at once, with its settings, and announces it', async () => {
    const enabled = await put('a', 'greeter', { enabled: true, settings: { greeting: 'salam' } })
    expect(enabled.status).toBe(200)
    expect(enabled.body).toMatchObject({ pluginId: 'greeter', sessionId: 'a', enabled: true, settings: { greeting: 'salam' }, effectiveSettings: { greeting: 'salam' } })
    await harness.kernel.bus.idle()
    expect(announced).toEqual([{ event: 'plugin.session.enabled', pluginId: 'greeter', sessionId: 'a' }])

    await emitToBoth('enabled')
    expect(await greeterGot('enabled')).toEqual([{ sessionId: 'a', label: 'enabled-a', greeting: 'salam' }])
    expect(await echoGot('enabled')).toEqual(['enabled-a', 'enabled-b'])
  })

  it('gives the plugin each session its own settings, defaults elsewhere', async () => {
    const a = await harness.request('GET', '/api/plugins/greeter/config/a')
    expect(a.body).toEqual({ greeting: 'salam' })
    const b = await harness.request('GET', '/api/plugins/greeter/config/b')
    expect(b.body).toEqual({ greeting: 'hi' })
  })

  it('refuses settings the configSchema does not allow, naming the field, and keeps the old ones', async () => {
    const refused = await put('a', 'greeter', { settings: { greeting: 'ahlan', maxPerHour: 0 } })
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('PLUGIN_SETTINGS_INVALID')
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'body.settings.maxPerHour' })])
    const unknown = await put('a', 'greeter', { settings: { colour: 'blue' } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'body.settings.colour' })])
    expect((await harness.request('GET', '/api/plugins/greeter/config/a')).body).toEqual({ greeting: 'salam' })
  })

  it('refuses per-session enablement of a global plugin', async () => {
    const refused = await put('a', 'global-echo', { enabled: true })
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('PLUGIN_NOT_SESSION_SCOPED')
  })

  it('answers 404 for an unknown session or plugin', async () => {
    const noSession = await put('zzz', 'greeter', { enabled: true })
    expect(noSession.status).toBe(404)
    expect(noSession.body.error.code).toBe('SESSION_NOT_FOUND')
    const noPlugin = await put('a', 'not-installed', { enabled: true })
    expect(noPlugin.status).toBe(404)
    expect(noPlugin.body.error.code).toBe('PLUGIN_NOT_FOUND')
  })

  it('stops delivery at once when disabled, and announces it', async () => {
    const disabled = await put('a', 'greeter', { enabled: false })
    expect(disabled.status).toBe(200)
    expect(disabled.body).toMatchObject({ enabled: false, settings: { greeting: 'salam' } })
    await emitToBoth('disabled')
    expect(await greeterGot('disabled')).toEqual([])
    // Sessions are handled concurrently (the kernel gives back a's chat owners on this lane first).
    expect((await echoGot('disabled')).sort()).toEqual(['disabled-a', 'disabled-b'])
    expect(announced.at(-1)).toEqual({ event: 'plugin.session.disabled', pluginId: 'greeter', sessionId: 'a' })
  })

  it('keeps the enablement across a kernel restart', async () => {
    expect((await put('b', 'greeter', { enabled: true, settings: { greeting: 'marhaba', maxPerHour: 5 } })).status).toBe(200)
    harness = await harness.restart()
    await emitToBoth('restarted')
    expect(await greeterGot('restarted')).toEqual([{ sessionId: 'b', label: 'restarted-b', greeting: 'marhaba' }])
    expect((await harness.request('GET', '/api/plugins/greeter/config/b')).body).toEqual({ greeting: 'marhaba', maxPerHour: 5 })
  })
})
