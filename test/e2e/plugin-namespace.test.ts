import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'vitest'
import { browserTestTimeout, useE2eSuite } from './support/e2e-suite.ts'

const pluginId = 'e2e-live-board'

/**
 * A plugin with its own realtime namespace: every inbound message is posted to its `board` topic,
 * and its page lists them live. The page never calls connect(): using the namespace is enough.
 */
async function writeLiveBoardPlugin(root: string): Promise<void> {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: `waqtor-plugin-${pluginId}`, version: '1.0.0', type: 'module', private: true }),
    'plugin.json': JSON.stringify({
      id: pluginId,
      name: 'Live board (test)',
      version: '1.0.0',
      description: 'Shows inbound messages live on its own namespace (a browser-test plugin).',
      engines: { waqtor: '^0.1.0' },
      scope: 'global',
      permissions: ['messages:read'],
      contributes: { namespace: true, adminModule: true },
      server: 'server/index.js',
      ui: 'ui/index.js',
    }),
    'server/index.js': [
      'export default {',
      '  register(plugin) {',
      "    plugin.io.topic('board')",
      `    plugin.io.on('${pluginId}.ping', () => ({ pong: true }))`,
      "    plugin.bus.on({ name: 'message.received' }, (message) => {",
      `      plugin.io.emit('board', '${pluginId}.note', { sessionId: message.sessionId, text: message.body })`,
      "    }, { id: 'board' })",
      '  },',
      '}',
      '',
    ].join('\n'),
    'ui/index.js': [
      "import { defineAdminModule } from '@waqtor/admin-kit/module'",
      `export default defineAdminModule({ id: '${pluginId}', title: { en: 'Live board', ar: 'اللوحة المباشرة' }, routes: [{ path: '', name: '${pluginId}-board', title: { en: 'Live board', ar: 'اللوحة المباشرة' }, icon: 'pi pi-bolt', menu: true, component: () => import('./board-page.js') }] })`,
      '',
    ].join('\n'),
    'ui/board-page.js': [
      "import { defineComponent, h, ref, watch } from 'vue'",
      "import { realtime, useRealtimeEvent, useTopic } from '@waqtor/admin-kit'",
      `const namespace = '/plugins/${pluginId}'`,
      'export default defineComponent({',
      '  setup() {',
      '    const notes = ref([])',
      '    const ready = ref(false)',
      "    useTopic('board', 'shop', namespace)",
      `    useRealtimeEvent('${pluginId}.note', (note) => notes.value.push(note.text), namespace)`,
      '    // Once connected, a request answered after the subscription (one socket is handled in order) says the page is listening.',
      '    const connection = realtime(namespace)',
      "    watch(() => connection.state.value, async (state) => { if (state === 'online') { await connection.request('" + pluginId + ".ping', {}); ready.value = true } }, { immediate: true })",
      "    return () => h('section', { 'data-testid': 'live-board', 'data-ready': String(ready.value) }, [h('h1', 'Live board'), h('ul', notes.value.map((text) => h('li', text)))])",
      '  },',
      '})',
      '',
    ].join('\n'),
  }
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, pluginId, name)), { recursive: true })
    await writeFile(path.join(root, pluginId, name), content)
  }
}

const e2e = useE2eSuite({ tempPlugins: [writeLiveBoardPlugin] })

describe('a plugin page on its own realtime namespace', { timeout: browserTestTimeout }, () => {
  it('receives the namespace’s live events without connecting it by hand', async () => {
    await e2e.kernel.createSession('shop')
    const panel = await e2e.openSignedIn()
    const { page } = panel
    await page.locator(`[data-testid=menu-${pluginId}-board]`).click()
    await page.locator('[data-testid=live-board][data-ready=true]').waitFor()

    await e2e.kernel.inbound('shop', '+966501234500', 'hello board')
    await page.locator('[data-testid=live-board] li', { hasText: 'hello board' }).waitFor()
  })
})
