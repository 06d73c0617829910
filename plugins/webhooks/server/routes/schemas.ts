import { z } from 'zod'

/** Set by the HTTP client or the delivery itself; a subscription may not override them. */
const reservedHeaders = new Set([
  'host', 'content-length', 'content-type', 'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization',
  'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect',
])
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/

export const headersSchema = z
  .record(z.string(), z.string().max(2048).regex(/^[^\r\n\0]*$/, 'must not contain line breaks'))
  .superRefine((headers, check) => {
    const names = Object.keys(headers)
    if (names.length > 20) check.addIssue({ code: 'custom', message: 'at most 20 headers' })
    for (const name of names) {
      const lower = name.toLowerCase()
      if (!headerName.test(name)) check.addIssue({ code: 'custom', path: [name], message: 'is not a valid header name' })
      else if (reservedHeaders.has(lower) || lower.startsWith('x-waqtor-')) check.addIssue({ code: 'custom', path: [name], message: 'is set by WaQtor and cannot be overridden' })
    }
  })

const eventsSchema = z.array(z.string().min(1).max(200)).min(1).max(100)
const sessionsSchema = z.array(z.string().min(1).max(100)).min(1).max(1000)
const urlSchema = z.string().min(1).max(2048)

export const createBody = z
  .object({
    url: urlSchema,
    events: eventsSchema,
    sessions: sessionsSchema.optional(),
    headers: headersSchema.optional(),
    active: z.boolean().optional(),
    maxConcurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict()

export const patchBody = z
  .object({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    sessions: sessionsSchema.optional(),
    headers: headersSchema.optional(),
    active: z.boolean().optional(),
    maxConcurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict()

export const rotateBody = z.object({ overlapSeconds: z.number().int().min(0).max(7 * 24 * 3600).default(3600) }).strict().default({ overlapSeconds: 3600 })

export const idParams = z.object({ id: z.string().min(1).max(40) })
export const deliveryParams = z.object({ id: z.string().min(1).max(40), deliveryId: z.string().min(1).max(40) })

export const subscriptionView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  /** null: every session. */
  sessions: z.array(z.string()).nullable(),
  headers: z.record(z.string(), z.string()),
  active: z.boolean(),
  maxConcurrency: z.number().int(),
  /** While set and in the future, deliveries carry a second signature made with the previous secret. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export const subscriptionWithSecret = subscriptionView.extend({ secret: z.string() })

export const deliveryStatus = z.enum(['pending', 'in_flight', 'delivered', 'failed'])

export const deliveryView = z.object({
  id: z.string(),
  eventId: z.string(),
  event: z.string(),
  sessionId: z.string().nullable(),
  status: deliveryStatus,
  attempts: z.number().int(),
  latencyMs: z.number().int().nullable(),
  responseStatus: z.number().int().nullable(),
  /** At most 1 KiB of the last response's body. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
})
