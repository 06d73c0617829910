import { z } from 'zod'
import { clientIdSchema } from '../auth/auth-schemas.ts'
import { notificationSeverities } from './notification-entity.ts'

const MAX_DATA_JSON_CHARS = 10_000

/** Dotted lowercase: `session.failed`, `campaign.finished`, `real-estate.lead.assigned`. */
export const notificationTypeSchema = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/, 'dotted lowercase segments, e.g. "session.failed"')

export const notificationSeveritySchema = z.enum(notificationSeverities)

/** Free-form details for the UI (ids to link to, counts); kept small because every recipient gets a copy. */
export const notificationDataSchema = z
  .record(z.string(), z.json())
  .refine((data) => JSON.stringify(data).length <= MAX_DATA_JSON_CHARS, `at most ${MAX_DATA_JSON_CHARS} characters as JSON`)

/** What a notification says; the same for every recipient. */
export const notificationContentSchema = z
  .object({
    type: notificationTypeSchema,
    title: z.string().trim().min(1).max(200),
    body: z.string().max(2000).default(''),
    severity: notificationSeveritySchema.default('info'),
    sessionId: clientIdSchema.nullable().default(null),
    data: notificationDataSchema.nullable().default(null),
  })
  .strict()

export const notificationInputSchema = notificationContentSchema.extend({
  /** `core`, or the id of the plugin raising it. */
  source: z
    .string()
    .max(64)
    .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, '"core" or a plugin id')
    .default('core'),
})

export type NotificationInput = z.input<typeof notificationInputSchema>
export type ParsedNotificationInput = z.output<typeof notificationInputSchema>
