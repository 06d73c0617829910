import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { callerPluginSource, writePlainPlugin, type CallAnswer } from './test-support/plain-plugin.ts'

// The kernel's erase deletes the chat's owner row; the responders' per-node cache of owners must
// not go on answering the erased owner (a form's stale ownership would keep a bot quiet).
describe('erasing a contact forgets who owned their chat at once', () => {
  let harness: TestKernel
  let pluginsDir = ''

  beforeAll(async () => {
    pluginsDir = await mkdtemp(path.join(tmpdir(), 'waqtor-privacy-owner-'))
    await writePlainPlugin(pluginsDir, { id: 'desk', contributes: { routes: true } }, callerPluginSource)
    harness = await createTestKernel({ pluginDirs: [pluginsDir] })
    await harness.createSession('shop')
  })
  afterAll(async () => {
    await harness.close()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  const responders = async (method: string, ...args: unknown[]) =>
    (await harness.request<CallAnswer<{ pluginId: string } | null>>('POST', '/api/plugins/desk/call', { body: { api: 'responders', method, args } })).body

  it('answers no owner right after the erase', async () => {
    const chatId = '966500000321@c.us'
    expect((await responders('own', 'shop', chatId, { kind: 'agent' })).result).toMatchObject({ pluginId: 'desk' })
    expect((await responders('owner', 'shop', chatId)).result).toMatchObject({ pluginId: 'desk' }) // cached on this node now

    const erased = await harness.request<{ core: { deleted: Record<string, number> } }>('POST', '/api/privacy/erase', { body: { subject: { kind: 'contact', sessionId: 'shop', phone: chatId } } })
    expect(erased.body.core.deleted.chatOwners).toBe(1)
    expect((await responders('owner', 'shop', chatId)).result).toBeNull()
  })
})
