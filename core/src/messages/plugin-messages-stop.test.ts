import { describe, expect, it } from 'vitest'
import { ManualClock } from '../clock/index.ts'
import type { PluginManifest } from '../plugins/plugin-manifest.ts'
import { SendingGovernor, type GovernorTurn } from './governor/sending-governor.ts'
import type { PluginMessageService } from './plugin-message-service.ts'
import { createPluginMessages } from './plugin-messages.ts'

const manifest = { id: 'stopper', name: 'Stopper', version: '1.0.0', description: 'x', engines: { waqtor: '^0.1.0' }, permissions: ['messages:send'] } as PluginManifest

/** The real governor (one send a minute) in front of a service whose sends succeed at their turn. */
function governedService(): { service: PluginMessageService; clock: ManualClock; sent: string[] } {
  const clock = new ManualClock()
  const governor = new SendingGovernor({ clock, settingsFor: async () => ({ messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 }) })
  const sent: string[] = []
  const service = {
    governor,
    assertSession: async () => undefined,
    async send(_pluginId: string, _sessionId: string, content: { text?: string }, options: { turn: GovernorTurn }) {
      const permit = await options.turn.granted
      sent.push(content.text ?? '')
      permit.release()
      return { body: content.text }
    },
  } as unknown as PluginMessageService
  return { service, clock, sent }
}

describe('plugin.messages when its plugin stops', () => {
  it('refuses the sends still waiting for their turn, and any new one, with PLUGIN_STOPPED', async () => {
    const { service, clock, sent } = governedService()
    const disposers: Array<() => void> = []
    const messages = createPluginMessages('stopper', manifest, service, () => true, (dispose) => void disposers.push(dispose))
    await messages.send('shop', { to: '966500000001', text: 'first' })
    const refused = expect(messages.send('shop', { to: '966500000001', text: 'late' })).rejects.toMatchObject({ code: 'PLUGIN_STOPPED', pluginId: 'stopper' })
    await clock.advance(0)
    for (const dispose of disposers) dispose()
    await refused
    await expect(messages.send('shop', { to: '966500000001', text: 'later' })).rejects.toMatchObject({ code: 'PLUGIN_STOPPED' })
    await clock.advance(60_000)
    expect(sent).toEqual(['first'])
  })

  it('honours the caller\'s own signal', async () => {
    const { service, clock, sent } = governedService()
    const messages = createPluginMessages('stopper', manifest, service, () => true, () => undefined)
    await messages.send('shop', { to: '966500000001', text: 'first' })
    const caller = new AbortController()
    const refused = expect(messages.send('shop', { to: '966500000001', text: 'paused' }, { signal: caller.signal })).rejects.toThrow('campaign paused')
    const next = messages.send('shop', { to: '966500000001', text: 'next' })
    await clock.advance(0)
    caller.abort(new Error('campaign paused'))
    await refused
    await clock.advance(60_000)
    await next
    expect(sent).toEqual(['first', 'next'])
  })

  it('keeps the order of calls even when their checks finish out of order', async () => {
    const { service, clock, sent } = governedService()
    let calls = 0
    // The first call's session check is the slowest.
    service.assertSession = async () => {
      if (++calls === 1) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const messages = createPluginMessages('stopper', manifest, service, () => true, () => undefined)
    const all = Promise.all(['one', 'two', 'three'].map((text) => messages.send('shop', { to: '966500000001', text })))
    await new Promise((resolve) => setTimeout(resolve, 40))
    await clock.advance(60_000)
    await clock.advance(60_000)
    await all
    expect(sent).toEqual(['one', 'two', 'three'])
  })
})
