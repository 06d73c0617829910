import { EntitySchema } from '@mikro-orm/core'

/** Whether a session-scoped plugin is on for one session, and that session's settings for it. */
export class PluginSessionSetting {
  pluginId!: string
  sessionId!: string
  enabled!: boolean
  settings!: Record<string, unknown>
  updatedAt!: Date
}

export const PluginSessionSettingSchema = new EntitySchema<PluginSessionSetting>({
  class: PluginSessionSetting,
  tableName: 'plugin_session_settings',
  properties: {
    pluginId: { type: 'string', primary: true, length: 64 },
    sessionId: { type: 'string', primary: true, length: 63 },
    enabled: { type: 'boolean' },
    settings: { type: 'json' },
    updatedAt: { type: 'datetime' },
  },
})
