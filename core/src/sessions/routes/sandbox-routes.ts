import type { MikroORM } from '@mikro-orm/core'
import { z } from 'zod'
import { clientIdSchema } from '../../auth/auth-schemas.ts'
import { assertSessionAccess, writerRoles } from '../../auth/principal.ts'
import { Session } from '../../db/entities/index.ts'
import { ConflictError, InputError, NotFoundError } from '../../errors/app-error.ts'
import type { ApiRouter } from '../../http/api-router.ts'
import { SandboxDriver } from '../drivers/sandbox/sandbox-driver.ts'
import type { SessionManager } from '../session-manager.ts'
import { sessionView, toSessionView } from '../session-view.ts'

const clientIdParams = z.object({ clientId: clientIdSchema })

/** Controls of the simulated network: inbound messages, failures on demand, QR scans (sandbox sessions only). */
export function registerSandboxRoutes({ api, orm, manager }: { api: ApiRouter; orm: MikroORM; manager: SessionManager }): void {
  const sandboxRuntime = (clientId: string) => {
    const runtime = manager.runtime(clientId)
    if (!runtime) throw new NotFoundError('SESSION_NOT_FOUND', `session ${clientId}`)
    if (runtime.driverKind !== 'sandbox') {
      throw InputError.fields([{ field: 'params.clientId', message: `session ${clientId} uses the ${runtime.driverKind} driver; this works for sandbox sessions only` }], 'SESSION_NOT_SANDBOX')
    }
    return runtime
  }

  const sandboxOf = (clientId: string): SandboxDriver => {
    sandboxRuntime(clientId)
    const driver = manager.readyDriver(clientId)
    if (!(driver instanceof SandboxDriver)) throw new Error('sandbox session without a sandbox driver')
    return driver
  }

  api.route({
    method: 'post',
    path: '/sessions/:clientId/sandbox/inbound',
    summary: 'Simulate an inbound message to a sandbox session',
    tags: ['sandbox'],
    access: writerRoles,
    status: 201,
    params: clientIdParams,
    body: z.object({ from: z.string().trim().regex(/^\+?[1-9]\d{6,14}$/, 'must be a phone number in international format (7-15 digits)'), text: z.string().min(1).max(65_536) }).strict(),
    response: z.object({ messageId: z.string(), chatId: z.string() }),
    errors: { 404: 'No such session', 409: 'The session is not ready' },
    async handler(ctx, { params, body }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      const message = sandboxOf(params.clientId).inject(body.from.replace(/^\+/, ''), body.text)
      await manager.serialize(params.clientId, async () => undefined)
      return { messageId: message.id, chatId: message.chatId }
    },
  })

  api.route({
    method: 'post',
    path: '/sessions/:clientId/sandbox/failures',
    summary: 'Inject failures: drop the connection, or make the next sends fail (ACK -1)',
    tags: ['sandbox'],
    access: writerRoles,
    params: clientIdParams,
    body: z.object({ disconnect: z.boolean().optional(), failNextSends: z.number().int().min(0).max(10_000).optional() }).strict(),
    response: z.object({ ok: z.literal(true) }),
    errors: { 404: 'No such session', 409: 'The session is not ready' },
    async handler(ctx, { params, body }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      const driver = sandboxOf(params.clientId)
      if (body.failNextSends) driver.injectFailures({ failNextSends: body.failNextSends })
      if (body.disconnect) driver.simulateDisconnect('sandbox: disconnect injected')
      return { ok: true as const }
    },
  })

  api.route({
    method: 'post',
    path: '/sessions/:clientId/sandbox/scan',
    summary: 'Scan the QR code a sandbox session shows, as a phone would: it links for good and becomes ready',
    description: 'For sandbox sessions created with `linkWithQr: true`. The session stays linked across restarts of the session and of WaQtor.',
    tags: ['sandbox'],
    access: writerRoles,
    params: clientIdParams,
    response: sessionView,
    errors: { 404: 'No such session', 409: 'The session shows no QR code (already linked, stopped, or created without linkWithQr)' },
    async handler(ctx, { params }) {
      assertSessionAccess(ctx.state.principal, params.clientId)
      const runtime = sandboxRuntime(params.clientId)
      const driver = runtime.driver
      if (!(driver instanceof SandboxDriver) || !driver.awaitingScan) {
        throw new ConflictError('SESSION_QR_NOT_AVAILABLE', `session ${params.clientId} has no QR code to scan (status ${runtime.status})`, { status: runtime.status })
      }
      await driver.scanQr()
      await manager.settled(params.clientId)
      const session = await orm.em.fork().findOneOrFail(Session, { clientId: params.clientId })
      return toSessionView(session, manager.runtime(params.clientId))
    },
  })
}
