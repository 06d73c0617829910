import { essenceOf } from './mime-type.ts'
import { mediaInputError } from './media-errors.ts'

export const mediaKinds = ['image', 'video', 'audio', 'voice', 'document'] as const
export type MediaKind = (typeof mediaKinds)[number]

/** The top-level MIME type each kind needs; a document may be anything. */
const requiredFamily: Record<Exclude<MediaKind, 'document'>, string> = { image: 'image', video: 'video', audio: 'audio', voice: 'audio' }

/**
 * The kind of message to send: the one asked for, or the one the MIME type suggests (image/*,
 * video/*, audio/*, anything else a document). An image, video or audio asked for with a file of
 * another family is refused, naming `body.type`.
 */
export function mediaKindFor(mimetype: string, requested: MediaKind | undefined): MediaKind {
  const family = essenceOf(mimetype).split('/')[0]
  if (!requested) return family === 'image' || family === 'video' || family === 'audio' ? family : 'document'
  if (requested === 'document' || requiredFamily[requested] === family) return requested
  throw mediaInputError('body.type', `${requested} needs a ${requiredFamily[requested]}/* file; this one is ${essenceOf(mimetype)} (send it as a document, or leave type out)`, 'MEDIA_TYPE_MISMATCH')
}
