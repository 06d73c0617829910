import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'
import type { ManualClock } from '../clock/index.ts'
import { createTestKernel, type TestKernel } from '../testing/create-test-kernel.ts'

// The plain-JS example of docs/plugin-api/jobs.md, taken from the page itself, runs as documented.
const guide = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/plugin-api/jobs.md'), 'utf8')

function codeAfter(caption: string): string {
  const start = guide.indexOf(caption)
  const match = /```\w*\n([\s\S]*?)```/.exec(guide.slice(start))
  if (start < 0 || !match?.[1]) throw new Error(`docs/plugin-api/jobs.md has no code block after ${caption}`)
  return match[1]
}

let harness: TestKernel<ManualClock> | undefined
let pluginDir: string | undefined
afterEach(async () => {
  await harness?.close()
  if (pluginDir) rmSync(pluginDir, { recursive: true, force: true })
})

it('docs/plugin-api/jobs.md: the follow-ups plugin calls back once per contact, 30 minutes later', async () => {
  pluginDir = mkdtempSync(path.join(tmpdir(), 'waqtor-follow-ups-'))
  mkdirSync(path.join(pluginDir, 'server'))
  writeFileSync(path.join(pluginDir, 'plugin.json'), codeAfter('`follow-ups/plugin.json`:'))
  writeFileSync(path.join(pluginDir, 'package.json'), JSON.stringify({ name: 'follow-ups', version: '1.0.0', type: 'module' }))
  writeFileSync(path.join(pluginDir, 'server/index.js'), codeAfter('`follow-ups/server/index.js`:'))
  harness = await createTestKernel({ manualClock: new Date('2026-03-01T00:00:00Z'), pluginDirs: [pluginDir] })
  const plugins = await harness.request<{ items: Array<{ id: string; status: string }> }>('GET', '/api/plugins')
  expect(plugins.body.items.find((plugin) => plugin.id === 'follow-ups')?.status).toBe('started')

  await harness.createSession('shop')
  await harness.inbound('shop', '966501234567', 'Please call me')
  await harness.inbound('shop', '966501234567', 'call me, really')
  const callBacks = () => harness!.request<{ items: Array<{ status: string; runAt: string }> }>('GET', '/api/jobs?plugin=follow-ups&name=call-back')
  // The bus handler counts and enqueues after the message is stored.
  await harness.kernel.bus.idle()
  const asked = await harness.request<Record<string, number>>('GET', '/api/plugins/follow-ups/asked')
  expect(asked.body).toEqual({ 'shop:966501234567@c.us': 2 })
  expect((await callBacks()).body.items).toEqual([expect.objectContaining({ status: 'pending', runAt: '2026-03-01T00:30:00.000Z' })])
  await harness.clock.advance(30 * 60 * 1000 - 1)
  expect((await callBacks()).body.items[0]?.status).toBe('pending')
  await harness.clock.advance(1)
  expect((await callBacks()).body.items[0]?.status).toBe('completed')
  const notifications = await harness.request<{ items: Array<{ title: string }> }>('GET', '/api/notifications')
  expect(notifications.body.items.map((item) => item.title)).toContain('Call back 966501234567@c.us')

  const purge = await harness.request<{ items: Array<{ runAt: string; cron: string }> }>('GET', '/api/jobs?plugin=follow-ups&name=purge')
  expect(purge.body.items).toEqual([expect.objectContaining({ cron: '0 3 * * *', runAt: '2026-03-02T00:00:00.000Z' })])
})
