import type { MikroORM } from '@mikro-orm/core'
import QRCode from 'qrcode'
import { z } from 'zod'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess, canAccessSession, requirePrincipal, writerRoles } from '../../auth/principal.ts'
import { Message, Session } from '../../db/entities/index.ts'
import { AppError, ConflictError, NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import { driverKinds, DriverError } from '../drivers/driver-contract.ts'
import type { SessionManager } from '../session-manager.ts'
import { sessionDetailView, sessionView, toSessionView } from '../session-view.ts'
import { governorOverrideSchema, type GovernorOverride } from '../../messages/governor/governor-settings.ts'

const clientIdParams = z.object({ clientId: clientIdSchema })

export interface SessionRouteOptions {
  api: ApiRouter
  orm: MikroORM
  manager: SessionManager
  /** A session's sending governor settings changed (sends held back are weighed again). */
  governorChanged?: (clientId: string) => void
}

export function registerSessionRoutes({ api, orm, manager, governorChanged }: SessionRouteOptions): void {
  const load = async (clientId: string): Promise<Session> => {
    // A fork: the manager writes sessions through its own forks, so a row cached in the request's
    // identity map (loaded before a stop or start) would answer with the old desiredState.
    const session = await orm.em.fork().findOne(Session, { clientId })
    if (!session) throw new NotFoundError('SESSION_NOT_FOUND', `session ${clientId}`)
    return session
  }

  const detail = async (clientId: string) => {
    const session = await load(clientId)
    const runtime = manager.runtime(clientId)
    const [sent, received, failed] = await Promise.all([
      orm.em.count(Message, { sessionId: clientId, fromMe: true }),
      orm.em.count(Message, { sessionId: clientId, fromMe: false }),
      orm.em.count(Message, { sessionId: clientId, fromMe: true, ack: -1 }),
    ])
    const usage = runtime?.driver ? await runtime.driver.resourceUsage().catch(() => null) : null
    return {
      ...toSessionView(session, runtime),
      stats: {
        messages: { sent, received, failed },
        browser: session.driver === 'whatsapp-web' ? { rssBytes: usage?.rssBytes ?? null, pssBytes: usage?.pssBytes ?? null, recycles: runtime?.recycles ?? 0 } : null,
      },
    }
  }

  api.route({
    method: 'post',
    path: '/sessions/create',
    summary: 'Create a session (a WhatsApp account) and start it',
    tags: ['sessions'],
    access: ['admin'],
    status: 201,
    description:
      'A sandbox session is ready at once, unless `linkWithQr` is true: then it shows a QR code (status `qr`, rotating) until `POST /api/sessions/:clientId/sandbox/scan`, and stays linked after that. A whatsapp-web session always links with a QR code or a pairing code; `linkWithQr` changes nothing for it.',
    body: z
      .object({
        clientId: clientIdSchema,
        driver: z.enum(driverKinds),
        name: z.string().trim().min(1).max(200).optional(),
        linkWithQr: z.boolean().optional().describe('sandbox only: link with a QR code scanned through the sandbox API instead of at once (default false)'),
        governor: governorOverrideSchema.nullable().optional(),
      })
      .strict(),
    response: sessionDetailView,
    errors: { 409: 'A session with this clientId exists' },
    async handler(_ctx, { body }) {
      await manager.create({ clientId: body.clientId, driver: body.driver, name: body.name, linkWithQr: body.linkWithQr ?? false })
      if (body.governor) await orm.em.fork().nativeUpdate(Session, { clientId: body.clientId }, { governor: storedGovernor(body.governor) })
      await manager.settled(body.clientId)
      return detail(body.clientId)
    },
  })

  api.route({
    method: 'patch',
    path: '/sessions/:clientId',
    summary: 'Rename a session or set its sending governor',
    description: '`governor` paces what plugins send from this session (docs/plugin-api/messages.md): fields given replace the session\'s previous ones, fields left out follow the defaults of its driver; `null` returns to the defaults. It applies from the next send.',
    tags: ['sessions'],
    access: ['admin'],
    params: clientIdParams,
    body: z
      .object({ name: z.string().trim().min(1).max(200).optional(), governor: governorOverrideSchema.nullable().optional() })
      .strict()
      .refine((body) => body.name !== undefined || body.governor !== undefined, { message: 'give name or governor', path: ['name'] }),
    response: sessionDetailView,
    errors: { 404: 'No such session' },
    async handler(_ctx, { params, body }) {
      await load(params.clientId)
      const changes: { name?: string; governor?: GovernorOverride | null; updatedAt: Date } = { updatedAt: new Date() }
      if (body.name !== undefined) changes.name = body.name
      if (body.governor !== undefined) changes.governor = storedGovernor(body.governor)
      await orm.em.fork().nativeUpdate(Session, { clientId: params.clientId }, changes)
      if (body.governor !== undefined) governorChanged?.(params.clientId)
      return detail(params.clientId)
    },
  })

  api.route({
    method: 'get',
    path: '/sessions/list',
    summary: 'Sessions the caller may see, with their live status',
    tags: ['sessions'],
    response: z.object({ items: z.array(sessionView) }),
    async handler(ctx) {
      const principal = requirePrincipal(ctx.state.principal)
      const sessions = await orm.em.find(Session, {}, { orderBy: { clientId: 'asc' } })
      return { items: sessions.filter((session) => canAccessSession(principal, session.clientId)).map((session) => toSessionView(session, manager.runtime(session.clientId))) }
    },
  })

  api.route({
    method: 'get',
    path: '/sessions/:clientId',
    summary: 'A session: status, uptime, reconnects, last error, message counts, browser memory',
    tags: ['sessions'],
    params: clientIdParams,
    response: sessionDetailView,
    errors: { 404: 'No such session' },
    async handler(ctx, { params }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      return detail(params.clientId)
    },
  })

  api.route({
    method: 'delete',
    path: '/sessions/:clientId',
    summary: 'Stop and delete a session with its files, messages, contacts and plugin settings',
    tags: ['sessions'],
    access: ['admin'],
    params: clientIdParams,
    status: 204,
    errors: { 404: 'No such session' },
    async handler(_ctx, { params }) {
      await load(params.clientId)
      await manager.delete(params.clientId)
    },
  })

  for (const action of ['restart', 'start', 'stop'] as const) {
    api.route({
      method: 'post',
      path: `/sessions/:clientId/${action}`,
      summary: { restart: 'Restart a session (stop its driver, start a new one)', start: 'Start a stopped or failed session', stop: 'Stop a session; it stays stopped across kernel restarts' }[action],
      tags: ['sessions'],
      access: writerRoles,
      params: clientIdParams,
      response: sessionDetailView,
      errors: { 404: 'No such session' },
      async handler(ctx, { params }) {
        assertSessionAccess(ctx.state.principal, params.clientId)
        await load(params.clientId)
        await manager[action](params.clientId)
        await manager.settled(params.clientId)
        return detail(params.clientId)
      },
    })
  }

  api.route({
    method: 'get',
    path: '/sessions/:clientId/qr',
    summary: 'The QR code to link the account: raw string and PNG data URL',
    tags: ['sessions'],
    params: clientIdParams,
    response: z.object({ clientId: z.string(), status: z.string(), qr: z.string(), dataUrl: z.string(), receivedAt: z.string() }),
    errors: { 404: 'No such session', 409: 'No QR code is pending (the session is ready, starting or stopped)' },
    async handler(ctx, { params }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      await load(params.clientId)
      const runtime = manager.runtime(params.clientId)
      if (!runtime?.qr) throw new ConflictError('SESSION_QR_NOT_AVAILABLE', `session ${params.clientId} has no QR code to scan (status ${runtime?.status ?? 'stopped'})`)
      const dataUrl = await QRCode.toDataURL(runtime.qr.value, { errorCorrectionLevel: 'M', margin: 2, width: 320 })
      return { clientId: params.clientId, status: runtime.status, qr: runtime.qr.value, dataUrl, receivedAt: runtime.qr.receivedAt.toISOString() }
    },
  })

  api.route({
    method: 'post',
    path: '/sessions/:clientId/pairing-code',
    summary: 'Link the account by phone number: returns the code to type in WhatsApp (Linked devices)',
    tags: ['sessions'],
    access: writerRoles,
    params: clientIdParams,
    body: z.object({ phone: z.string().trim().regex(/^\+?\d{7,15}$/, 'must be the account phone number in international format, digits only (e.g. 966501234567)') }),
    response: z.object({ clientId: z.string(), code: z.string() }),
    errors: { 404: 'No such session', 409: 'The session is not waiting for a login' },
    async handler(ctx, { params, body }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      await load(params.clientId)
      const runtime = manager.runtime(params.clientId)
      if (!runtime?.driver || (runtime.status !== 'qr' && runtime.driverKind === 'whatsapp-web')) {
        throw new ConflictError('SESSION_NOT_AWAITING_LOGIN', `session ${params.clientId} is ${runtime?.status ?? 'stopped'}; a pairing code can be requested while it shows a QR code`)
      }
      try {
        return { clientId: params.clientId, code: await runtime.driver.requestPairingCode(body.phone.replace(/^\+/, '')) }
      } catch (error) {
        if (error instanceof DriverError) throw new AppError('SESSION_PAIRING_FAILED', error.message, { status: 502, expose: true })
        throw error
      }
    },
  })

  api.route({
    method: 'get',
    path: '/status/client',
    summary: 'Short status of one session',
    tags: ['sessions'],
    query: z.object({ clientId: clientIdSchema }),
    response: z.object({ clientId: z.string(), status: z.string(), ready: z.boolean(), phone: z.string().nullable(), lastError: z.string().nullable() }),
    errors: { 404: 'No such session' },
    async handler(ctx, { query }) {
      assertSessionAccess(ctx.state.principal, query.clientId)
      const view = toSessionView(await load(query.clientId), manager.runtime(query.clientId))
      return { clientId: view.clientId, status: view.status, ready: view.status === 'ready', phone: view.phone, lastError: view.lastError }
    },
  })
}

/** Only the fields given; an override with none is no override. */
function storedGovernor(governor: GovernorOverride | null): GovernorOverride | null {
  const fields = Object.fromEntries(Object.entries(governor ?? {}).filter(([, value]) => value !== undefined))
  return Object.keys(fields).length > 0 ? fields : null
}
