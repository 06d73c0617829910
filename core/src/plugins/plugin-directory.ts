import type { PluginRecord } from './plugin-record.ts'

/** A public event a started plugin declares in `contributes.events`. */
export interface PublicEventInfo {
  name: string
  pluginId: string
  description: string | null
}

/** Read-only facts about the other installed plugins, for plugins such as webhooks. */
export interface PluginDirectory {
  /** Public events (`contributes.events` with `public: true`) of the plugins started right now. */
  publicEvents(): PublicEventInfo[]
}

export function createPluginDirectory(records: () => readonly PluginRecord[]): PluginDirectory {
  return {
    publicEvents: () =>
      records()
        .filter((record) => record.status === 'started' || record.status === 'registered')
        .flatMap((record) =>
          (record.manifest?.contributes?.events ?? [])
            .filter((event) => event.public === true)
            .map((event) => ({ name: event.name, pluginId: record.id, description: event.description ?? null })),
        ),
  }
}
