import { fileTypeFromBuffer } from 'file-type'
import mimeTypes from 'mime-types'
import { informativeMimetype, normalizeMimetype } from './mime-type.ts'

export interface MimetypeClues {
  /** What the uploader or the URL's server declared. */
  declared: string | null
  bytes: Buffer
  filename: string | null
}

/**
 * Tells a file's MIME type when the caller did not: the declared type unless it is generic
 * (application/octet-stream), else the content's signature (file-type), else the file name's
 * extension. Null when none of them knows.
 */
export async function detectMimetype(clues: MimetypeClues): Promise<string | null> {
  const declared = informativeMimetype(clues.declared)
  if (declared) return declared
  const sniffed = await fileTypeFromBuffer(clues.bytes)
  if (sniffed) return sniffed.mime
  const byName = clues.filename ? mimeTypes.lookup(clues.filename) : false
  return byName ? normalizeMimetype(byName) : null
}
