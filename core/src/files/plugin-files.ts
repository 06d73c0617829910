import { Readable } from 'node:stream'
import { buffer as readAll } from 'node:stream/consumers'
import { z } from 'zod'
import { contactIdOf } from '../contacts/contact-id.ts'
import { AppError } from '../errors/app-error.ts'
import { toFieldIssues } from '../http/zod-issues.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginManifest, PluginPermission } from '../plugins/plugin-manifest.ts'
import { toFileInfo, type FileInfo, type FileService } from './file-service.ts'
import { normalizeType } from './mime-match.ts'

export const filesPermission: PluginPermission = 'storage:files'

export interface PluginFilePut {
  /** The file's name, shown when it is downloaded (1-255 characters, no slashes). */
  name: string
  /** MIME type, e.g. `application/pdf`. */
  type: string
  data: Buffer | Uint8Array | Readable
  sessionId?: string
  /** A phone number or chat id `<digits>@c.us` (needs `sessionId`): the file is erased with that contact's data. */
  contact?: string
  /** At most this many bytes for this call (the operator's `filesMaxMb` still applies). */
  maxBytes?: number
  /** Only these types for this call (`image/*` allowed); a type must match the operator's list too. */
  allowedTypes?: string[]
}

export interface PluginFile extends FileInfo {
  /** The bytes, as a stream. */
  stream(): Promise<Readable>
  /** The bytes, in memory (mind large files). */
  buffer(): Promise<Buffer>
}

/**
 * `plugin.files`: files a plugin keeps (needs `storage:files`). Each plugin sees only its own files.
 * Downloads go through short-lived signed links the kernel serves without credentials.
 */
export interface PluginFiles {
  put(input: PluginFilePut): Promise<FileInfo>
  get(id: string): Promise<PluginFile | null>
  delete(id: string): Promise<boolean>
  /** The plugin's files, oldest first, optionally of one session or one contact. */
  list(filter?: { sessionId?: string; contact?: string }): Promise<FileInfo[]>
  /** A link anyone holding it may download from until it expires (`ttlSeconds`, 300 by default). */
  signedUrl(id: string, options?: { ttlSeconds?: number }): Promise<{ url: string; expiresAt: string }>
}

const fileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\]/.test(name) && ![...name].some((char) => char.charCodeAt(0) < 0x20), 'must not contain slashes or control characters')
const sessionId = z.string().min(1).max(63)
const putSchema = z
  .object({
    name: fileName,
    type: z.string().max(255).refine((type) => normalizeType(type) !== null, 'must be a MIME type such as application/pdf'),
    data: z.custom<Buffer | Uint8Array | Readable>((value) => value instanceof Uint8Array || value instanceof Readable, 'must be a Buffer or a readable stream'),
    sessionId: sessionId.optional(),
    contact: z.string().max(128).optional(),
    maxBytes: z.number().int().min(1).optional(),
    allowedTypes: z.array(z.string().trim().toLowerCase().regex(/^(\*\/\*|[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*))$/, 'must be a MIME type or type/*')).min(1).max(100).optional(),
  })
  .strict()
  .refine((input) => input.contact === undefined || input.sessionId !== undefined, { path: ['sessionId'], message: 'is required with contact' })
const idSchema = z.string().min(1).max(36)

export function createPluginFiles(pluginId: string, manifest: PluginManifest, service: FileService): PluginFiles {
  const require = () => {
    if (manifest.permissions?.includes(filesPermission)) return
    throw new PluginError('PLUGIN_PERMISSION_MISSING', pluginId, `cannot store files without the "${filesPermission}" permission: add it to "permissions" in its plugin.json`, { permission: filesPermission })
  }
  const parse = <T>(schema: z.ZodType<T>, value: unknown, field: string, method: string): T => {
    const parsed = schema.safeParse(value, { reportInput: true })
    if (parsed.success) return parsed.data
    const issues = toFieldIssues(parsed.error.issues, field)
    throw new PluginError('FILES_INPUT_INVALID', pluginId, `files.${method}() got invalid input: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`, issues.map((issue) => ({ ...issue })))
  }
  const contactId = (contact: string | undefined, method: string, field: string) => {
    if (contact === undefined) return undefined
    try {
      return contactIdOf(contact, field)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      throw new PluginError('FILES_INPUT_INVALID', pluginId, `files.${method}(): ${field} must be a phone number (7-15 digits) or a chat id ending in @c.us`, [{ field, message: 'must be a phone number in international format (7-15 digits) or a contact id ending in @c.us' }])
    }
  }
  const own = async (id: unknown, method: string) => service.find(pluginId, parse(idSchema, id, 'id', method))

  return {
    async put(input) {
      require()
      const checked = parse(putSchema, input, 'input', 'put')
      const data = checked.data instanceof Readable || Buffer.isBuffer(checked.data) ? checked.data : Buffer.from(checked.data)
      return service.put(pluginId, { ...checked, data, contactId: contactId(checked.contact, 'put', 'input.contact') })
    },
    async get(id) {
      require()
      const row = await own(id, 'get')
      if (!row) return null
      const open = async () => {
        const stream = await service.open(row)
        if (!stream) throw new AppError('FILE_CONTENT_MISSING', `the bytes of file ${row.id} are missing from the file store`, { status: 500 })
        return stream
      }
      return { ...toFileInfo(row), stream: open, buffer: async () => readAll(await open()) }
    },
    async delete(id) {
      require()
      return service.delete(pluginId, parse(idSchema, id, 'id', 'delete'))
    },
    async list(filter = {}) {
      require()
      const checked = parse(z.object({ sessionId: sessionId.optional(), contact: z.string().max(128).optional() }).strict(), filter, 'filter', 'list')
      return service.list({ pluginId, sessionId: checked.sessionId, contactId: contactId(checked.contact, 'list', 'filter.contact') })
    },
    async signedUrl(id, options = {}) {
      require()
      const { ttlSeconds } = parse(z.object({ ttlSeconds: z.number().int().min(1).max(service.limits.maxUrlTtlSeconds).default(300) }).strict(), options, 'options', 'signedUrl')
      const row = await own(id, 'signedUrl')
      if (!row) throw new PluginError('FILE_NOT_FOUND', pluginId, `has no file ${String(id)}`, { id: String(id) })
      return service.signedUrl(row, ttlSeconds)
    },
  }
}
