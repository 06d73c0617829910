import { OutboundError } from '../../http/outbound/outbound-error.ts'
import { safeFetch } from '../../http/outbound/safe-fetch.ts'
import { AppError } from '../../errors/app-error.ts'
import type { MediaPayload } from '../../sessions/drivers/driver-contract.ts'
import { detectMimetype } from './detect-mimetype.ts'
import type { MediaFields } from './media-fields.ts'
import { cleanFilename, filenameFromUrl } from './media-filename.ts'
import { mediaInputError, mediaTooLarge } from './media-errors.ts'
import { mediaKindFor, type MediaKind } from './media-kind.ts'
import type { MediaSource } from './media-source.ts'
import { normalizeMimetype } from './mime-type.ts'

export interface MediaOptions {
  maxBytes: number
  /** The operator's WAQTOR_OUTBOUND_ALLOW_PRIVATE: media URLs may point at private addresses. */
  allowPrivate: boolean
  fetchTimeoutMs?: number
}

interface FileInHand {
  field: string
  bytes: Buffer
  declaredMimetype: string | null
  filename: string | null
}

/** Turns a send-media request into what the driver sends: downloads a URL, settles MIME type, kind and file name. */
export async function resolveMedia(fields: MediaFields, source: MediaSource, options: MediaOptions): Promise<{ kind: MediaKind; media: MediaPayload }> {
  // The schema already refused a mimetype that does not normalize.
  const explicitMimetype = fields.mimetype === undefined ? null : normalizeMimetype(fields.mimetype)
  const file = source.kind === 'url' ? await download(source.url, options) : source
  const filename = cleanFilename(fields.filename) ?? cleanFilename(file.filename)
  const mimetype = explicitMimetype ?? (await detectMimetype({ declared: file.declaredMimetype, bytes: file.bytes, filename }))
  if (!mimetype) throw mediaInputError('body.mimetype', `is required: the type of ${file.field} could not be recognised (send e.g. "application/pdf")`, 'MEDIA_TYPE_UNKNOWN')
  const kind = mediaKindFor(mimetype, fields.type)
  return { kind, media: { mimetype, data: file.bytes.toString('base64'), filename } }
}

async function download(url: string, options: MediaOptions): Promise<FileInHand> {
  let response
  try {
    response = await safeFetch(url, { maxBytes: options.maxBytes, allowPrivate: options.allowPrivate, timeoutMs: options.fetchTimeoutMs ?? 10_000 })
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error
    if (error.code === 'OUTBOUND_TOO_LARGE') throw mediaTooLarge('body.url', options.maxBytes)
    if (error.code === 'OUTBOUND_ADDRESS_REFUSED' || error.code === 'OUTBOUND_URL_INVALID') throw mediaInputError('body.url', `refused: ${error.message}`, 'MEDIA_URL_REFUSED')
    throw fetchFailed(error.message)
  }
  if (response.status < 200 || response.status > 299) throw fetchFailed(`the server answered ${response.status}`)
  if (response.body.length === 0) throw fetchFailed('the server sent an empty file')
  const disposition = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get('content-disposition') ?? '')?.[1]
  return { field: 'body.url', bytes: response.body, declaredMimetype: response.headers.get('content-type'), filename: safeDecode(disposition) ?? filenameFromUrl(response.url) }
}

/** The URL was acceptable but did not give a file: WhatsApp was not reached (502, naming the field). */
function fetchFailed(reason: string): AppError {
  return new AppError('MEDIA_URL_FETCH_FAILED', `body.url: could not download the file: ${reason}`, { status: 502, expose: true, details: [{ field: 'body.url', message: reason }] })
}

function safeDecode(value: string | undefined): string | null {
  if (!value) return null
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
