import { z } from 'zod'
import type { Session } from '../db/entities/index.ts'
import type { SessionRuntime } from './session-runtime.ts'
import { governorSettingsView } from '../messages/governor/governor-settings.ts'

export const sessionStatusSchema = z.enum(['starting', 'qr', 'authenticated', 'ready', 'disconnected', 'failed', 'stopped'])

export const sessionView = z.object({
  clientId: z.string(),
  name: z.string(),
  driver: z.enum(['whatsapp-web', 'sandbox']),
  status: sessionStatusSchema,
  desiredState: z.enum(['running', 'stopped']),
  phone: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  readyAt: z.string().nullable(),
  uptimeSeconds: z.number().nullable(),
  reconnects: z.number().int(),
  nextRetryAt: z.string().nullable(),
  qrPending: z.boolean(),
  /** The session's own sending governor settings; null: the defaults of its driver (GET /api/sessions/:clientId/governor shows those in force). */
  governor: governorSettingsView.partial().nullable(),
})

export const sessionStats = z.object({
  messages: z.object({ sent: z.number().int(), received: z.number().int(), failed: z.number().int() }),
  browser: z.object({ rssBytes: z.number().nullable(), pssBytes: z.number().nullable(), recycles: z.number().int() }).nullable(),
})

export const sessionDetailView = sessionView.extend({ stats: sessionStats })

export type SessionView = z.infer<typeof sessionView>

export function toSessionView(session: Session, runtime: SessionRuntime | undefined): SessionView {
  const readyAt = runtime?.readyAt ?? null
  return {
    clientId: session.clientId,
    name: session.name,
    driver: session.driver as SessionView['driver'],
    status: runtime?.status ?? (session.status as SessionView['status']),
    desiredState: session.desiredState,
    phone: runtime?.phone ?? session.phone ?? null,
    lastError: runtime ? runtime.lastError : (session.lastError ?? null),
    createdAt: session.createdAt.toISOString(),
    startedAt: runtime?.startedAt?.toISOString() ?? null,
    readyAt: readyAt?.toISOString() ?? null,
    uptimeSeconds: readyAt ? Math.round((Date.now() - readyAt.getTime()) / 1000) : null,
    reconnects: runtime?.reconnects ?? 0,
    nextRetryAt: runtime?.nextRetryAt?.toISOString() ?? null,
    qrPending: runtime?.qr !== null && runtime?.qr !== undefined,
    governor: session.governor ?? null,
  }
}
