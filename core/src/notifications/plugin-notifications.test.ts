import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { NotificationView } from './notification-view.ts'
import type { PluginNotifyResult } from './plugin-notifications.ts'

// A plain-JavaScript plugin that notifies in start() and offers a route to notify on demand.
const notifierSource = `
let started
export default {
  register(plugin) {
    plugin.router.get('/started', (ctx) => { ctx.body = started })
    plugin.router.post('/notify', async (ctx) => { ctx.body = await plugin.notifications.notify(ctx.request.body) })
  },
  async start(plugin) {
    started = await plugin.notifications.notify({ type: 'notifier.started', title: 'Notifier is up', body: 'Ready', severity: 'info' })
  },
}
`
// The same call from a plugin whose manifest lacks "notifications:write".
const unpermittedSource = `
export default {
  register() {},
  async start(plugin) {
    await plugin.notifications.notify({ type: 'sneaky.started', title: 'Should not arrive' })
  },
}
`

async function writePlugin(root: string, id: string, permissions: string[], source: string): Promise<void> {
  const dir = path.join(root, id)
  await mkdir(path.join(dir, 'server'), { recursive: true })
  const manifest = { id, name: id, version: '1.0.0', description: `${id} fixture`, engines: { waqtor: '^0.1.0' }, permissions, server: 'server/index.js' }
  await writeFile(path.join(dir, 'plugin.json'), JSON.stringify(manifest))
  await writeFile(path.join(dir, 'server', 'index.js'), source)
}

interface PluginView {
  id: string
  status: string
  error: { code: string; message: string } | null
}

describe('plugin.notifications.notify', () => {
  let harness: TestKernel
  let pluginsDir: string
  let adminId: string

  const notify = (body: unknown) => harness.request<PluginNotifyResult & { error?: { code: string; details: Array<{ field: string }> } }>('POST', '/api/plugins/notifier/notify', { body })

  beforeAll(async () => {
    pluginsDir = await mkdtemp(path.join(tmpdir(), 'waqtor-notify-plugins-'))
    await writePlugin(pluginsDir, 'notifier', ['notifications:write'], notifierSource)
    await writePlugin(pluginsDir, 'sneaky', ['messages:read'], unpermittedSource)
    harness = await createTestKernel({ pluginDirs: [pluginsDir] })
    adminId = (await harness.request<{ id: string }>('GET', '/api/auth/me')).body.id
    await harness.createSession('shop')
    await harness.createSession('clinic')
  })
  afterAll(async () => {
    await harness?.close()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  it('notifies the admins from start(), with the plugin as source', async () => {
    const started = await harness.request<PluginNotifyResult>('GET', '/api/plugins/notifier/started')
    expect(started.status).toBe(200)
    expect(started.body.userIds).toEqual([adminId])
    expect(started.body.notificationIds).toHaveLength(1)

    const inbox = await harness.request<{ items: NotificationView[] }>('GET', '/api/notifications')
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ id: started.body.notificationIds[0], type: 'notifier.started', title: 'Notifier is up', body: 'Ready', source: 'notifier', sessionId: null }),
    )
  })

  it("reaches a session's watchers, or exactly the given users", async () => {
    const agent = await harness.createUser('agent', ['shop'])
    const viewer = await harness.createUser('viewer', ['clinic'])

    const aboutShop = await notify({ type: 'notifier.session.checked', title: 'Shop checked', sessionId: 'shop', severity: 'warning' })
    expect(aboutShop.status).toBe(200)
    expect(aboutShop.body.userIds.sort()).toEqual([adminId, agent.id].sort())

    const toViewer = await notify({ type: 'notifier.lead.assigned', title: 'A lead for you', userIds: [viewer.id], data: { leadId: 'l-1' } })
    expect(toViewer.body.userIds).toEqual([viewer.id])
    const viewerInbox = await harness.request<{ items: NotificationView[] }>('GET', '/api/notifications', { token: viewer.token })
    expect(viewerInbox.body.items).toEqual([expect.objectContaining({ title: 'A lead for you', source: 'notifier', data: { leadId: 'l-1' } })])

    const toAdmins = await notify({ type: 'notifier.report.ready', title: 'Report ready' })
    expect(toAdmins.body.userIds).toEqual([adminId])
  })

  it('refuses invalid input, naming the field', async () => {
    const refused = await notify({ type: 'Not Dotted', title: 'ok', source: 'core' })
    expect(refused.body.error?.code).toBe('NOTIFICATION_INVALID')
    expect(refused.body.error?.details.map((detail) => detail.field)).toEqual(expect.arrayContaining(['input.type', 'input.source']))
  })

  it('fails a plugin without the notifications:write permission, and nothing is sent', async () => {
    const plugins = await harness.request<{ items: PluginView[] }>('GET', '/api/plugins')
    const sneaky = plugins.body.items.find((plugin) => plugin.id === 'sneaky')
    expect(sneaky?.status).toBe('failed')
    expect(sneaky?.error?.code).toBe('PLUGIN_PERMISSION_MISSING')
    expect(sneaky?.error?.message).toContain('"sneaky"')
    expect(sneaky?.error?.message).toContain('notifications:write')
    expect(plugins.body.items.find((plugin) => plugin.id === 'notifier')?.status).toBe('started')

    const inbox = await harness.request<{ items: NotificationView[] }>('GET', '/api/notifications?limit=100')
    expect(inbox.body.items.map((item) => item.source)).not.toContain('sneaky')
  })
})
