import { describe, expect, it } from 'vitest'
import type { PluginManifest } from '../plugins/plugin-manifest.ts'
import type { PluginMessageService } from './plugin-message-service.ts'
import { createPluginMessages } from './plugin-messages.ts'

const manifest = { id: 'stopper', name: 'Stopper', version: '1.0.0', description: 'x', engines: { waqtor: '^0.1.0' }, permissions: ['messages:send'] } as PluginManifest

/** A service whose sends wait for their turn until the signal they were given aborts. */
function waitingService(): PluginMessageService {
  return {
    assertSession: async () => undefined,
    send: (_pluginId: string, _sessionId: string, _content: unknown, options: { signal?: AbortSignal }) =>
      new Promise((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true })),
  } as unknown as PluginMessageService
}

describe('plugin.messages when its plugin stops', () => {
  it('refuses the sends still waiting for their turn, and any new one, with PLUGIN_STOPPED', async () => {
    const disposers: Array<() => void> = []
    const messages = createPluginMessages('stopper', manifest, waitingService(), () => true, (dispose) => void disposers.push(dispose))
    const caller = new AbortController()
    const waiting = messages.send('shop', { to: '966500000001', text: 'late' }, { signal: caller.signal })
    const refused = expect(waiting).rejects.toMatchObject({ code: 'PLUGIN_STOPPED', pluginId: 'stopper' })
    await Promise.resolve()
    for (const dispose of disposers) dispose()
    await refused
    await expect(messages.send('shop', { to: '966500000001', text: 'later' })).rejects.toMatchObject({ code: 'PLUGIN_STOPPED' })
  })

  it('still honours the caller\'s own signal', async () => {
    const messages = createPluginMessages('stopper', manifest, waitingService(), () => true, () => undefined)
    const caller = new AbortController()
    const waiting = messages.send('shop', { to: '966500000001', text: 'paused' }, { signal: caller.signal })
    const refused = expect(waiting).rejects.toThrow('campaign paused')
    await new Promise((resolve) => setImmediate(resolve))
    caller.abort(new Error('campaign paused'))
    await refused
  })
})
