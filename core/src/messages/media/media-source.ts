import { createHash } from 'node:crypto'
import type { MediaFields } from './media-fields.ts'
import { mediaInputError, mediaTooLarge } from './media-errors.ts'
import type { UploadedFile } from './read-multipart-body.ts'

/** Where the file comes from: bytes in hand (upload or base64), or a URL still to download. */
export type MediaSource =
  | { kind: 'bytes'; field: 'body.file' | 'body.data'; bytes: Buffer; declaredMimetype: string | null; filename: string | null }
  | { kind: 'url'; field: 'body.url'; url: string }

const dataUrl = /^data:([^;,]*)(;[^,]*)?;base64,/i
const base64 = /^[A-Za-z0-9+/_-]*={0,2}$/

/** Picks the one source the request gave (file, url or data) and decodes base64 within the size limit. */
export function mediaSourceOf(fields: MediaFields, upload: UploadedFile | null, maxBytes: number): MediaSource {
  const given = [upload ? 'file' : null, fields.url !== undefined ? 'url' : null, fields.data !== undefined ? 'data' : null].filter((name) => name !== null)
  if (given.length === 0) throw mediaInputError('body.data', 'is required: give the file as data (base64) or url, or upload it as multipart field "file"')
  if (given.length > 1) throw mediaInputError(`body.${given[1]}`, `give only one of ${given.join(', ')}`)
  if (upload) {
    if (upload.bytes.length === 0) throw mediaInputError('body.file', 'is empty')
    return { kind: 'bytes', field: 'body.file', bytes: upload.bytes, declaredMimetype: upload.mimetype, filename: upload.filename }
  }
  if (fields.url !== undefined) return { kind: 'url', field: 'body.url', url: fields.url }
  return decodeData(fields.data ?? '', maxBytes)
}

function decodeData(data: string, maxBytes: number): MediaSource {
  const prefix = dataUrl.exec(data)
  const encoded = (prefix ? data.slice(prefix[0].length) : data).replace(/\s+/g, '')
  if (encoded.length === 0 || encoded.length % 4 === 1 || !base64.test(encoded)) throw mediaInputError('body.data', 'must be base64')
  if (Buffer.byteLength(encoded, 'base64') > maxBytes) throw mediaTooLarge('body.data', maxBytes)
  return { kind: 'bytes', field: 'body.data', bytes: Buffer.from(encoded, 'base64'), declaredMimetype: prefix?.[1] || null, filename: null }
}

/** What makes two sends the same request for Idempotency-Key: the fields, with the file as its SHA-256. */
export function mediaFingerprint(fields: MediaFields, source: MediaSource): Record<string, unknown> {
  const { data: _data, ...rest } = fields
  if (source.kind === 'url') return { ...rest, url: source.url }
  return { ...rest, file: { sha256: createHash('sha256').update(source.bytes).digest('hex'), mimetype: source.declaredMimetype, filename: source.filename } }
}
