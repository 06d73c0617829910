import { EntitySchema } from '@mikro-orm/core'

/** A file a plugin stored with `plugin.files`: metadata here, bytes in the file store under `storageKey`. */
export class StoredFile {
  id!: string
  pluginId!: string
  sessionId?: string | null
  /** The contact (`<digits>@c.us`) it belongs to: erased with that contact's data. */
  contactId?: string | null
  name!: string
  type!: string
  size!: number
  sha256!: string
  storageKey!: string
  createdAt!: Date
}

export const StoredFileSchema = new EntitySchema<StoredFile>({
  class: StoredFile,
  tableName: 'files',
  properties: {
    id: { type: 'string', primary: true, length: 36 },
    pluginId: { type: 'string', length: 64 },
    sessionId: { type: 'string', length: 63, nullable: true },
    contactId: { type: 'string', length: 128, nullable: true },
    name: { type: 'string', length: 255 },
    type: { type: 'string', length: 255 },
    size: { type: 'number', columnType: 'bigint' },
    sha256: { type: 'string', length: 64 },
    storageKey: { type: 'string', length: 300 },
    createdAt: { type: 'datetime' },
  },
})
