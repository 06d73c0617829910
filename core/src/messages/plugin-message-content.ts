import { z } from 'zod'
import { listContentSchema } from './lists/list-content.ts'
import { mediaFields } from './media/media-fields.ts'

/** What `plugin.messages.send` accepts: the fields of the HTTP send routes, one kind of content per message. */
export const pluginMessageContent = z
  .object({
    to: z.string().min(1).max(64),
    text: z.string().min(1).max(65_536).optional(),
    media: mediaFields.omit({ to: true, replyTo: true }).optional(),
    location: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), description: z.string().max(1000).optional() })
      .strict()
      .optional(),
    list: listContentSchema.optional(),
    replyTo: z.string().min(1).max(255).optional(),
  })
  .strict()
  .superRefine((content, issues) => {
    const kinds = (['text', 'media', 'location', 'list'] as const).filter((kind) => content[kind] !== undefined)
    if (kinds.length === 0) issues.addIssue({ code: 'custom', path: ['text'], message: 'is required: give one of text, media, location or list' })
    if (kinds.length > 1) issues.addIssue({ code: 'custom', path: [kinds[1] ?? 'text'], message: `give only one of ${kinds.join(', ')}` })
  })

export type PluginMessageContent = z.input<typeof pluginMessageContent>
export type ParsedPluginMessageContent = z.output<typeof pluginMessageContent>

export const pluginSendOptions = z
  .object({
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
    signal: z.instanceof(AbortSignal).optional(),
  })
  .strict()

export interface PluginSendOptions {
  /** A repeated key (per plugin) returns the first message and sends nothing. At most 200 characters. */
  idempotencyKey?: string
  /** Gives up the place in the governor's queue when it aborts (the message is not sent). */
  signal?: AbortSignal
}
