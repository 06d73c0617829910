import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import type { MikroORM } from '@mikro-orm/core'
import { fileTypeFromBuffer } from 'file-type'
import type { Clock } from '../clock/index.ts'
import { fileTypeNotAllowed } from './file-errors.ts'
import type { FileStore } from './file-store.ts'
import { normalizeType, typeAllowed } from './mime-match.ts'
import type { UrlSigner } from './signed-url.ts'
import { StoredFile } from './stored-file-entity.ts'

export interface FileLimits {
  maxBytes: number
  allowedTypes: readonly string[]
  maxUrlTtlSeconds: number
}

export interface NewFile {
  name: string
  /** Declared MIME type; the content's detected type must be allowed too. */
  type: string
  data: Buffer | Readable
  sessionId?: string | null
  /** Chat id `<digits>@c.us`: the file is erased with that contact's data. */
  contactId?: string | null
  /** Narrower than the operator's limit, for this call. */
  maxBytes?: number
  /** Narrower than the operator's list, for this call: a type must match both. */
  allowedTypes?: readonly string[]
}

export interface FileInfo {
  id: string
  pluginId: string
  name: string
  type: string
  size: number
  sha256: string
  sessionId: string | null
  contactId: string | null
  createdAt: string
}

/** Plugin files: bytes in a FileStore, metadata in the `files` table, downloads by signed link. */
export class FileService {
  constructor(
    private readonly orm: MikroORM,
    readonly store: FileStore,
    private readonly signer: UrlSigner,
    readonly limits: FileLimits,
    private readonly clock: Clock,
  ) {}

  async put(pluginId: string, input: NewFile): Promise<FileInfo> {
    const type = normalizeType(input.type)
    const patterns = input.allowedTypes ?? this.limits.allowedTypes
    const allowedBy = (candidate: string) => typeAllowed(candidate, this.limits.allowedTypes) && typeAllowed(candidate, patterns)
    if (!type || !allowedBy(type)) throw fileTypeNotAllowed(type ?? input.type, input.allowedTypes ? patterns : this.limits.allowedTypes)
    const id = randomUUID()
    const storageKey = `${pluginId}/${id}`
    const maxBytes = Math.min(input.maxBytes ?? this.limits.maxBytes, this.limits.maxBytes)
    const data = Buffer.isBuffer(input.data) ? Readable.from([input.data]) : input.data
    const bytes = await this.store.put(storageKey, data, { maxBytes })
    // A declared image/png that is really an executable is refused by what it contains.
    const sniffed = await fileTypeFromBuffer(bytes.head)
    if (sniffed && sniffed.mime !== type && !allowedBy(sniffed.mime)) {
      await this.store.delete(storageKey)
      throw fileTypeNotAllowed(sniffed.mime, patterns, 'content')
    }
    const em = this.orm.em.fork()
    const row = em.create(StoredFile, {
      id, pluginId, sessionId: input.sessionId ?? null, contactId: input.contactId ?? null, name: input.name, type,
      size: bytes.size, sha256: bytes.sha256, storageKey, createdAt: new Date(this.clock.now()),
    })
    try {
      await em.flush()
    } catch (error) {
      await this.store.delete(storageKey)
      throw error
    }
    return toFileInfo(row)
  }

  /** The plugin's own file, or null (another plugin's file is as unknown as a missing one). */
  async find(pluginId: string, id: string): Promise<StoredFile | null> {
    return this.orm.em.fork().findOne(StoredFile, { id, pluginId })
  }

  async open(file: StoredFile): Promise<Readable | null> {
    return this.store.get(file.storageKey)
  }

  async list(filter: { pluginId?: string; sessionId?: string; contactId?: string }, limit = 1_000): Promise<FileInfo[]> {
    const rows = await this.orm.em.fork().find(StoredFile, dropUndefined(filter), { orderBy: { createdAt: 'asc', id: 'asc' }, limit })
    return rows.map(toFileInfo)
  }

  async delete(pluginId: string, id: string): Promise<boolean> {
    const em = this.orm.em.fork()
    const row = await em.findOne(StoredFile, { id, pluginId })
    if (!row) return false
    await this.store.delete(row.storageKey)
    await em.nativeDelete(StoredFile, { id })
    return true
  }

  /** Removes every file linked to a contact, whichever plugin stored it. */
  async eraseContact(sessionId: string, contactId: string): Promise<number> {
    const em = this.orm.em.fork()
    const rows = await em.find(StoredFile, { sessionId, contactId })
    for (const row of rows) await this.store.delete(row.storageKey)
    if (rows.length > 0) await em.nativeDelete(StoredFile, { id: { $in: rows.map((row) => row.id) } })
    return rows.length
  }

  /** Removes every file stored for a session (with or without a contact): the session was deleted. */
  async eraseSession(sessionId: string): Promise<number> {
    const em = this.orm.em.fork()
    const rows = await em.find(StoredFile, { sessionId })
    for (const row of rows) await this.store.delete(row.storageKey)
    if (rows.length > 0) await em.nativeDelete(StoredFile, { id: { $in: rows.map((row) => row.id) } })
    return rows.length
  }

  signedUrl(file: StoredFile, ttlSeconds: number): { url: string; expiresAt: string } {
    const expires = Math.floor(this.clock.now() / 1000) + ttlSeconds
    return { url: this.signer.sign(file.id, expires), expiresAt: new Date(expires * 1000).toISOString() }
  }

  /** The file a signed link names, once the link is checked (FILE_URL_INVALID / FILE_URL_EXPIRED otherwise). */
  async resolveSigned(id: string, expires: number, signature: string): Promise<StoredFile | null> {
    this.signer.verify(id, expires, signature, this.clock.now())
    return this.orm.em.fork().findOne(StoredFile, { id })
  }
}

export function toFileInfo(row: StoredFile): FileInfo {
  return {
    id: row.id, pluginId: row.pluginId, name: row.name, type: row.type, size: Number(row.size), sha256: row.sha256,
    sessionId: row.sessionId ?? null, contactId: row.contactId ?? null, createdAt: row.createdAt.toISOString(),
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
