import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Writes one plugin into its own folder under `root`. */
export type PluginWriter = (root: string) => Promise<void>

async function writePlugin(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), content)
  }
}

const packageJson = (id: string) => JSON.stringify({ name: `waqtor-plugin-${id}`, version: '1.0.0', type: 'module', private: true }, null, 2)
const manifest = (fields: Record<string, unknown>) => JSON.stringify({ version: '1.0.0', engines: { waqtor: '^0.1.0' }, ...fields }, null, 2)

/** Id of the session-scoped test plugin. */
export const greeterPluginId = 'e2e-greeter'

/**
 * A session-scoped plugin with a string, an integer and a boolean setting (the repository's
 * plugins have no such mix). `multipleOf` is a rule the panel leaves to the server, so a wrong
 * value comes back as the server's own field error.
 */
export const writeGreeterPlugin: PluginWriter = (root) =>
  writePlugin(path.join(root, greeterPluginId), {
    'package.json': packageJson(greeterPluginId),
    'plugin.json': manifest({
      id: greeterPluginId,
      name: 'Greeter (test)',
      description: 'Greets new contacts of the sessions it is enabled for (a browser-test plugin).',
      scope: 'session',
      permissions: ['messages:read'],
      configSchema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          greeting: { type: 'string', minLength: 1, maxLength: 40, default: 'Hello' },
          delaySeconds: { type: 'integer', minimum: 0, maximum: 60, multipleOf: 5, default: 5, description: 'In steps of 5 seconds' },
          onlyNewContacts: { type: 'boolean', default: false },
        },
      },
      server: 'server/index.js',
    }),
    'server/index.js': "export default {\n  register(plugin) {\n    plugin.bus.on({ name: 'message.received' }, () => undefined, { id: 'greet' })\n  },\n}\n",
  })

/** Id of the plugin whose register() throws; it ships an admin module that must never load. */
export const brokenPluginId = 'e2e-broken'

export const writeBrokenPlugin: PluginWriter = (root) =>
  writePlugin(path.join(root, brokenPluginId), {
    'package.json': packageJson(brokenPluginId),
    'plugin.json': manifest({
      id: brokenPluginId,
      name: 'Broken (test)',
      description: 'Fails while registering; its admin page must not appear.',
      scope: 'global',
      contributes: { adminModule: true },
      server: 'server/index.js',
      ui: 'ui/index.js',
    }),
    'server/index.js': "export default {\n  register() {\n    throw new Error('e2e-broken fails on purpose')\n  },\n}\n",
    // A valid module: were the failed plugin's module loaded, its menu entry would show.
    'ui/index.js': [
      "import { defineComponent, h } from 'vue'",
      "import { defineAdminModule } from '@waqtor/admin-kit'",
      "const Page = defineComponent({ render: () => h('p', { 'data-testid': 'e2e-broken-page' }, 'broken') })",
      `export default defineAdminModule({ id: '${brokenPluginId}', title: 'Broken', routes: [{ path: '', name: '${brokenPluginId}-overview', title: 'Broken', icon: 'pi pi-times', menu: true, component: async () => Page }] })`,
      '',
    ].join('\n'),
  })
