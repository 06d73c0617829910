import { z } from 'zod'
import type { EventBus } from '../../bus/event-bus.ts'
import { pluginSessionDisabled, pluginSessionEnabled } from '../../bus/core-events.ts'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess, writerRoles } from '../../auth/principal.ts'
import { InputError, NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import type { SessionDirectory } from '../../sessions/session-directory.ts'
import type { PluginEnablement } from '../plugin-enablement.ts'
import type { PluginHost } from '../plugin-host.ts'
import { servedAdminModule } from '../plugin-admin-module.ts'
import { mergeSettings } from '../settings/merge-settings.ts'
import { secretPaths, secretStates, withoutSecrets } from '../settings/secret-settings.ts'
import { nextSessionSettings } from '../settings/session-settings-update.ts'
import type { PluginRecord } from '../plugin-record.ts'

const pluginView = z.object({
  id: z.string(),
  name: z.string().nullable(),
  version: z.string().nullable(),
  description: z.string().nullable(),
  scope: z.enum(['global', 'session']).nullable(),
  source: z.enum(['builtin', 'directory', 'package']),
  status: z.enum(['loaded', 'registered', 'started', 'failed', 'disabled', 'stopped']),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).nullable(),
  dependencies: z.record(z.string(), z.string()),
  permissions: z.array(z.string()),
  contributes: z.record(z.string(), z.unknown()),
  configSchema: z.record(z.string(), z.unknown()).nullable(),
  adminModule: z
    .object({ entry: z.string().describe('URL path of the browser-ready ES module, for import()') })
    .nullable()
    .describe('Set when the plugin is started and its ui entry is JavaScript the kernel serves under /plugin-ui/<id>/'),
  uiSource: z.string().nullable().describe('The manifest ui entry as written (e.g. ui/index.ts, compiled into the panel at build time)'),
})

const sessionPluginView = z.object({
  pluginId: z.string(),
  sessionId: z.string(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  /** Settings in effect: defaults, then global settings, then this session's. */
  effectiveSettings: z.record(z.string(), z.unknown()),
  configSchema: z.record(z.string(), z.unknown()).nullable(),
  secrets: z
    .record(
      z.string().describe('Dotted path of a configSchema property marked writeOnly or x-secret, e.g. crm.apiKey'),
      z.object({
        set: z.boolean().describe('A value is in effect for this session'),
        source: z.enum(['session', 'global']).nullable().describe('session: stored for this session (clearSecrets removes it); global: from the config file'),
      }),
    )
    .describe('Secret settings are never answered, in settings nor effectiveSettings: only whether they are set. Only admins set them (in settings) or clear them (clearSecrets); a PUT that leaves one out keeps it.'),
})

export interface PluginRouteDeps {
  api: ApiRouter
  host: PluginHost
  enablement: PluginEnablement
  sessions: SessionDirectory
  bus: EventBus
}

export function registerPluginRoutes({ api, host, enablement, sessions, bus }: PluginRouteDeps): void {
  api.route({
    method: 'get',
    path: '/plugins',
    summary: 'Installed plugins with version, status and error',
    tags: ['plugins'],
    response: z.object({ items: z.array(pluginView) }),
    handler: () => ({ items: host.list().map(toPluginView) }),
  })

  const sessionPluginParams = z.object({ clientId: clientIdSchema, pluginId: z.string().min(1).max(64) })

  const findSessionPlugin = async (clientId: string, pluginId: string): Promise<PluginRecord> => {
    if (!(await sessions.exists(clientId))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${clientId}`)
    const record = host.get(pluginId)
    if (!record?.manifest) throw new NotFoundError('PLUGIN_NOT_FOUND', `plugin ${pluginId}`)
    if (record.manifest.scope !== 'session') {
      throw InputError.fields([{ field: 'params.pluginId', message: `plugin "${pluginId}" is global: it is on for every session` }], 'PLUGIN_NOT_SESSION_SCOPED')
    }
    return record
  }

  const view = (record: PluginRecord, clientId: string) => {
    const state = enablement.get(record.id, clientId)
    const effective = record.validator?.check(mergeSettings(record.rawConfig, state.settings), 'settings')
    const secrets = secretPaths(record.manifest?.configSchema)
    return {
      pluginId: record.id,
      sessionId: clientId,
      enabled: state.enabled,
      settings: withoutSecrets(state.settings, secrets),
      effectiveSettings: withoutSecrets(effective?.ok ? effective.value : record.config, secrets),
      configSchema: record.manifest?.configSchema ?? null,
      secrets: secretStates(secrets, state.settings, record.rawConfig),
    }
  }

  api.route({
    method: 'get',
    path: '/sessions/:clientId/plugins',
    summary: 'Session-scoped plugins and whether each is enabled for this session',
    tags: ['plugins'],
    params: z.object({ clientId: clientIdSchema }),
    response: z.object({ items: z.array(sessionPluginView) }),
    errors: { 404: 'No such session' },
    async handler(ctx, { params }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      if (!(await sessions.exists(params.clientId))) throw new NotFoundError('SESSION_NOT_FOUND', `session ${params.clientId}`)
      const records = host.list().filter((record) => record.manifest?.scope === 'session')
      return { items: records.map((record) => view(record, params.clientId)) }
    },
  })

  api.route({
    method: 'get',
    path: '/sessions/:clientId/plugins/:pluginId',
    summary: 'Whether a session-scoped plugin is enabled for a session, and its settings there',
    tags: ['plugins'],
    params: sessionPluginParams,
    response: sessionPluginView,
    errors: { 404: 'No such session or plugin' },
    async handler(ctx, { params }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      return view(await findSessionPlugin(params.clientId, params.pluginId), params.clientId)
    },
  })

  api.route({
    method: 'put',
    path: '/sessions/:clientId/plugins/:pluginId',
    summary: 'Enable or disable a plugin for a session and set its settings there',
    description: 'Takes effect at once, without restarting the session or the kernel. Settings are validated against the plugin configSchema.',
    tags: ['plugins'],
    access: writerRoles,
    params: sessionPluginParams,
    body: z
      .object({
        enabled: z.boolean().optional(),
        settings: z.record(z.string(), z.unknown()).optional().describe('Replaces this session\'s settings; secret settings left out keep their stored value'),
        clearSecrets: z.array(z.string()).max(100).optional().describe('Secret settings (dotted paths, e.g. crm.apiKey) to remove from this session; admins only'),
      })
      .strict(),
    response: sessionPluginView,
    errors: { 403: 'Not allowed for this role, or PLUGIN_SECRET_ADMIN_ONLY: only admins set or clear secret settings (details name each field)', 404: 'No such session or plugin' },
    async handler(ctx, { params, body }) {
      const caller = assertSessionAccess(ctx.state.principal, params.clientId)
      const record = await findSessionPlugin(params.clientId, params.pluginId)
      const current = enablement.get(record.id, params.clientId)
      const settings = nextSessionSettings({
        pluginId: record.id,
        secrets: secretPaths(record.manifest?.configSchema),
        stored: current.settings,
        incoming: body.settings,
        clear: body.clearSecrets,
        role: caller.role,
      })
      const checked = record.validator?.check(mergeSettings(record.rawConfig, settings), 'body.settings')
      if (checked && !checked.ok) throw InputError.fields(checked.issues, 'PLUGIN_SETTINGS_INVALID')
      const enabled = body.enabled ?? current.enabled
      await enablement.set(record.id, params.clientId, { enabled, settings })
      if (enabled !== current.enabled) {
        await bus.emit(enabled ? pluginSessionEnabled : pluginSessionDisabled, { pluginId: record.id, sessionId: params.clientId })
      }
      return view(record, params.clientId)
    },
  })
}

function toPluginView(record: PluginRecord): z.infer<typeof pluginView> {
  const manifest = record.manifest
  const adminModule = servedAdminModule(record)
  return {
    id: record.id,
    name: manifest?.name ?? null,
    version: manifest?.version ?? null,
    description: manifest?.description ?? null,
    scope: manifest?.scope ?? null,
    source: record.source,
    status: record.status,
    error: record.error ? { code: record.error.code, message: record.error.message, details: record.error.details ?? null } : null,
    dependencies: manifest?.dependencies ?? {},
    permissions: manifest?.permissions ?? [],
    contributes: manifest?.contributes ?? {},
    configSchema: manifest?.configSchema ?? null,
    adminModule: adminModule ? { entry: adminModule.entry } : null,
    uiSource: manifest?.ui ?? null,
  }
}
