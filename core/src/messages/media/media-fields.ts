import { z } from 'zod'
import { mediaKinds } from './media-kind.ts'
import { normalizeMimetype } from './mime-type.ts'

/**
 * Fields of a media send, the same in JSON and in multipart/form-data (where the file comes in the
 * field `file` instead of `data` or `url`).
 */
export const mediaFields = z
  .object({
    to: z.string().min(1).max(64).describe('Phone number in international format, or a chat id (`…@c.us`, `…@g.us`)'),
    type: z.enum(mediaKinds).optional().describe('Default: from the MIME type (image/*, video/*, audio/*; anything else is a document). `voice` sends audio as a voice note.'),
    caption: z.string().max(65_536).optional(),
    replyTo: z.string().min(1).max(255).optional().describe('Id of the message to quote'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(4096).optional().describe('Where WaQtor downloads the file (public addresses only, unless the operator allows private ones)'),
    data: z.string().min(1).optional().describe('The file in base64 (a `data:<mimetype>;base64,` prefix is accepted)'),
    mimetype: z.string().max(255).refine((value) => normalizeMimetype(value) !== null, 'must be a MIME type such as image/jpeg or application/pdf').optional().describe('Default: as declared by the upload or the URL, else recognised from the content or the file name'),
    filename: z.string().min(1).max(255).optional(),
  })
  .strict()

export type MediaFields = z.infer<typeof mediaFields>
