import Router from '@koa/router'
import { bodyParser } from '@koa/bodyparser'
import { RequestContext, type MikroORM } from '@mikro-orm/core'
import Koa, { type Middleware } from 'koa'
import compress from 'koa-compress'
import { collectDefaultMetrics, Registry } from 'prom-client'
import { AuthService } from '../auth/auth-service.ts'
import { authMiddleware } from '../auth/auth-middleware.ts'
import { RateLimits } from '../auth/rate-limits.ts'
import { registerApiKeyRoutes } from '../auth/routes/api-key-routes.ts'
import { registerAuthRoutes } from '../auth/routes/auth-routes.ts'
import type { PrincipalRef } from '../auth/principal.ts'
import { registerUserRoutes } from '../auth/routes/user-routes.ts'
import { seedFirstAdmin, type SeededAdmin } from '../auth/seed-admin.ts'
import { EventBus } from '../bus/event-bus.ts'
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from '../config/load-config.ts'
import { createOrm } from '../db/create-orm.ts'
import { describeDatabaseTarget, resolveDatabaseTarget, type DatabaseTarget } from '../db/database-target.ts'
import { coreEntities } from '../db/entities/index.ts'
import { coreMigrations } from '../db/migrations/index.ts'
import { AppError, NotFoundError } from '../errors/app-error.ts'
import type { WaqtorState } from '../http/api-context.ts'
import { ApiRouter } from '../http/api-router.ts'
import { registerDocsRoutes } from '../http/docs-routes.ts'
import { errorMiddleware } from '../http/error-middleware.ts'
import { registerHealthRoutes } from '../http/health-routes.ts'
import { OpenApiRegistry } from '../http/openapi-registry.ts'
import { createPluginDirectory } from '../plugins/plugin-directory.ts'
import { requestContextMiddleware } from '../http/request-context.ts'
import { staticPanelMiddleware } from '../http/static-panel.ts'
import { securityHeadersMiddleware } from '../http/security-headers.ts'
import { createLogger, type Logger } from '../logging/create-logger.ts'
import { httpMetricsMiddleware } from '../metrics/http-metrics.ts'
import { registerSessionMetrics } from '../metrics/session-metrics.ts'
import { registerNotificationRoutes } from '../notifications/notification-routes.ts'
import { NotificationService } from '../notifications/notification-service.ts'
import { realtimeSettings } from '../realtime/realtime-settings.ts'
import { registerRealtimeRoutes } from '../realtime/realtime-routes.ts'
import { RealtimeServer } from '../realtime/realtime-server.ts'
import { PluginEnablement } from '../plugins/plugin-enablement.ts'
import { PluginHost } from '../plugins/plugin-host.ts'
import { registerPluginRoutes } from '../plugins/routes/plugin-routes.ts'
import { pluginUiMiddleware } from '../plugins/plugin-ui-middleware.ts'
import { SessionDeletion } from '../plugins/session-deletion.ts'
import { createResponders } from '../responders/index.ts'
import { SessionDirectory } from '../sessions/session-directory.ts'
import { ContactBook } from '../messages/contact-book.ts'
import { MessageSender } from '../messages/message-sender.ts'
import { createPluginSending, type PluginSending } from '../messages/plugin-sending.ts'
import { registerGovernorRoutes } from '../messages/governor/governor-routes.ts'
import { MessageStore } from '../messages/message-store.ts'
import { registerMessageRoutes } from '../messages/routes/message-routes.ts'
import { registerChatRoutes } from '../messages/routes/chat-routes.ts'
import { registerStatsRoutes } from '../messages/routes/stats-routes.ts'
import { registerMediaRoutes } from '../messages/routes/media-routes.ts'
import { mediaRouteBypass } from '../messages/media/media-route-bypass.ts'
import { registerContactRoutes } from '../contacts/contact-routes.ts'
import { createDataServices, registerDataRoutes, type DataServices } from '../privacy/data-services.ts'
import type { FileService } from '../files/file-service.ts'
import type { PrivacyRegistry } from '../privacy/privacy-registry.ts'
import { createDriverFactory } from '../sessions/driver-factory.ts'
import { SandboxNetwork } from '../sessions/drivers/sandbox/sandbox-network.ts'
import { registerSandboxRoutes } from '../sessions/routes/sandbox-routes.ts'
import { registerSessionRoutes } from '../sessions/routes/session-routes.ts'
import { SessionManager } from '../sessions/session-manager.ts'
import { HttpServer } from './http-server.ts'
import { adminPanelDir, builtinPluginsDir, kernelVersion } from './kernel-paths.ts'
import { SystemClock, type Clock } from '../clock/index.ts'
import { JobService } from '../jobs/job-service.ts'
import { registerJobRoutes } from '../jobs/job-routes.ts'
import { logStreamErrors } from '../http/stream-errors.ts'
import { migrateAll } from './migrate-all.ts'

export interface KernelOptions extends LoadConfigOptions {
  /** A logger to use instead of one built from LOG_LEVEL (tests pass a silent one). */
  logger?: Logger
  /** Check every response against its declared schema (the test harness turns this on). */
  strictResponses?: boolean
  /** The built admin panel to serve at `/` (admin-ui/dist of this checkout by default); null serves none. */
  adminPanelDir?: string | null
  /** The time source for jobs, timers and the sending governor; the system clock by default. */
  clock?: Clock
}

export type KernelState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped'

/**
 * The WaQtor kernel: configuration, HTTP API, database, event bus and plugin host. `start()`
 * brings it up in order and `stop()` takes it down gracefully, each at most once.
 */
export class Kernel {
  readonly config: LoadedConfig
  readonly logger: Logger
  readonly app = new Koa<WaqtorState>()
  readonly metrics = new Registry()
  readonly bus: EventBus
  readonly plugins: PluginHost
  readonly openApi = new OpenApiRegistry()
  readonly database: DatabaseTarget
  /** The time source jobs, timers and the governor obey (a ManualClock in tests that move time). */
  readonly clock: Clock
  /** Set when start() created the first admin; `generatedPassword` must be shown to the operator once. */
  seededAdmin: SeededAdmin | undefined
  private ormInstance: MikroORM | undefined
  private notificationService: NotificationService | undefined
  private dataServices: DataServices | undefined
  private sessionManager: SessionManager | undefined
  private jobService: JobService | undefined
  private pluginSending: PluginSending | undefined
  private http: HttpServer | undefined
  private realtimeServer: RealtimeServer | undefined
  private lifecycle: KernelState = 'created'
  private stopping: Promise<void> | undefined
  private readonly strictResponses: boolean
  private readonly adminPanelDir: string | undefined
  private readonly cwd: string

  constructor(options: KernelOptions = {}) {
    this.config = loadConfig(options)
    this.clock = options.clock ?? new SystemClock()
    this.cwd = options.cwd ?? process.cwd()
    this.logger = options.logger ?? createLogger(this.config.logLevel)
    this.strictResponses = options.strictResponses ?? false
    this.adminPanelDir = options.adminPanelDir === undefined ? adminPanelDir : (options.adminPanelDir ?? undefined)
    logStreamErrors(this.app, this.logger.child({ component: 'http' }))
    this.database = resolveDatabaseTarget(this.config.databaseUrl, this.config.dataDir, options.cwd ?? process.cwd())
    this.plugins = new PluginHost(this.logger.child({ component: 'plugins' }))
    this.bus = new EventBus({
      logger: this.logger.child({ component: 'bus' }),
      registry: this.metrics,
      maxQueued: this.config.busMaxQueued,
      handlerTimeoutMs: this.config.busHandlerTimeoutMs,
      runInContext: (fn) => RequestContext.create(this.orm.em, fn),
    })
  }

  get state(): KernelState {
    return this.lifecycle
  }

  get orm(): MikroORM {
    if (!this.ormInstance) throw new Error('the database is not open yet: call kernel.start() first')
    return this.ormInstance
  }

  /** Raises per-user notifications (kernel code; plugins use `plugin.notifications`). */
  get notifications(): NotificationService {
    if (!this.notificationService) throw new Error('notifications need the database: call kernel.start() first')
    return this.notificationService
  }

  /** The WhatsApp accounts this node runs. */
  /** Durable plugin jobs: the store, this node's runner (`idle()` waits for it), `nodeId`. */
  get jobs(): JobService {
    if (!this.jobService) throw new Error('jobs need the database: call kernel.start() first')
    return this.jobService
  }

  /** The WhatsApp accounts this node runs. */
  get manager(): SessionManager {
    if (!this.sessionManager) throw new Error('sessions need the database: call kernel.start() first')
    return this.sessionManager
  }

  /** socket.io: `/core` topics and plugin namespaces (docs/realtime.md). */
  get realtime(): RealtimeServer {
    if (!this.realtimeServer) throw new Error('realtime needs the database: call kernel.start() first')
    return this.realtimeServer
  }

  /** Files plugins store (`plugin.files`), with signed download links. */
  get files(): FileService {
    if (!this.dataServices) throw new Error('files need the database: call kernel.start() first')
    return this.dataServices.files
  }

  /** Export and erase of a person's data across the kernel and every plugin (docs/plugin-api/privacy.md). */
  get privacy(): PrivacyRegistry {
    if (!this.dataServices) throw new Error('privacy needs the database: call kernel.start() first')
    return this.dataServices.privacy
  }

  /** The base URL the API listens on, once started. */
  get url(): string {
    const address = this.http?.server.address()
    if (!address || typeof address === 'string') throw new Error('the kernel is not listening')
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`
  }

  get sessions(): SessionDirectory {
    return new SessionDirectory(this.orm)
  }

  async start(): Promise<void> {
    if (this.lifecycle !== 'created') throw new Error(`the kernel cannot start from state ${this.lifecycle}`)
    this.lifecycle = 'starting'
    try {
      await this.boot()
      this.lifecycle = 'running'
    } catch (error) {
      await this.stop()
      throw error
    }
  }

  private async boot(): Promise<void> {
    const config = this.config
    collectDefaultMetrics({ register: this.metrics, prefix: 'waqtor_' })
    registerSessionMetrics(this.metrics, this.bus, () => this.sessionManager)
    await this.plugins.load({
      builtinDir: config.builtinPlugins ? builtinPluginsDir : undefined,
      pluginDirs: config.pluginDirs,
      packages: config.pluginPackages,
      cwd: this.cwd,
      kernelVersion,
      disabled: config.disabledPlugins,
      settings: config.plugins,
      logger: this.logger,
    })

    this.logger.info({ database: describeDatabaseTarget(this.database) }, 'opening database')
    this.ormInstance = await createOrm({
      target: this.database,
      entities: [...coreEntities, ...this.plugins.entities()],
      migrations: [{ owner: 'core', migrations: coreMigrations }, ...this.plugins.migrations()],
      logger: this.logger.child({ component: 'db' }),
    })
    await migrateAll(this.ormInstance, this.plugins, this.logger)
    const sessionDeletion = new SessionDeletion({
      orm: this.ormInstance,
      plugins: () => this.plugins.list(),
      logger: this.logger.child({ component: 'plugins' }),
      registry: this.metrics,
      hookTimeoutMs: config.busHandlerTimeoutMs,
    })
    await sessionDeletion.verify((pluginId, error) => this.plugins.fail(pluginId, error))
    const responders = createResponders({
      orm: this.ormInstance,
      bus: this.bus,
      clock: this.clock,
      logger: this.logger.child({ component: 'responders' }),
      registry: this.metrics,
      timeoutMs: config.busHandlerTimeoutMs,
      isPluginRunning: (pluginId) => ['registered', 'started'].includes(this.plugins.get(pluginId)?.status ?? ''),
    })
    this.notificationService = new NotificationService(this.ormInstance, this.bus, this.logger.child({ component: 'notifications' }))
    this.dataServices = await createDataServices({
      orm: this.ormInstance,
      platform: this.database.platform,
      config,
      cwd: this.cwd,
      clock: this.clock,
      plugins: () => this.plugins.list(),
      logger: this.logger.child({ component: 'privacy' }),
      credentialsChanged: (userId) => this.realtime.recheckCredentials({ kind: 'user', id: userId }),
      chatOwnersErased: (sessionId, chatId) => responders.owners.forgetChat(sessionId, chatId),
    })
    this.jobService = new JobService(this.ormInstance, this.database.platform, this.clock, {
      pollIntervalMs: config.jobsPollIntervalMs,
      leaseMs: config.jobsLeaseMs,
      concurrency: config.jobsConcurrency,
      retentionMs: config.jobsRetentionHours * 3_600_000,
    }, this.logger.child({ component: 'jobs' }), this.metrics)
    this.seededAdmin = await seedFirstAdmin(this.ormInstance, config.adminEmail, config.adminPassword)

    const enablement = new PluginEnablement(this.ormInstance)
    await enablement.reload()
    sessionDeletion.addKernelStep((sessionId) => enablement.forgetSession(sessionId))
    sessionDeletion.addKernelStep((sessionId) => responders.owners.forgetSession(sessionId))
    // Files plugins stored for a session (and its contacts) go with it, like its messages and contacts.
    sessionDeletion.addKernelStep(async (sessionId) => void (await this.files.eraseSession(sessionId)))
    const sessions = new SessionDirectory(this.ormInstance)
    const messages = new MessageStore(this.ormInstance, this.bus, new ContactBook())
    this.sessionManager = new SessionManager({
      orm: this.ormInstance,
      bus: this.bus,
      logger: this.logger.child({ component: 'sessions' }),
      dataDir: config.dataDir,
      createDriver: createDriverFactory(new SandboxNetwork({ ackDelaysMs: config.sandboxAckDelaysMs as [number, number, number, number], qrRotateMs: config.sandboxQrRotateMs }), {
        chromePath: config.chromePath,
      }),
      messages,
      notifier: this.notificationService,
      reconnect: { baseDelayMs: config.reconnectBaseDelayMs, maxDelayMs: config.reconnectMaxDelayMs, maxAttempts: config.reconnectMaxAttempts },
      startConcurrency: config.sessionStartConcurrency,
      maxRssBytes: config.sessionMaxRssMb * 1024 * 1024,
      memoryCheckIntervalMs: 30_000,
      afterDelete: (sessionId) => sessionDeletion.run(sessionId),
    })
    this.realtimeServer = new RealtimeServer({
      settings: realtimeSettings(config),
      orm: this.ormInstance,
      auth: new AuthService(config.tokenTtlHours),
      bus: this.bus,
      registry: this.metrics,
      logger: this.logger.child({ component: 'realtime' }),
    })
    const sender = new MessageSender(this.sessionManager, messages)
    this.pluginSending = createPluginSending({ orm: this.ormInstance, bus: this.bus, clock: this.clock, config, sender })
    this.buildHttp(enablement, sessions, sender)

    await this.plugins.registerAll({
      orm: this.ormInstance,
      bus: this.bus,
      enablement,
      openApi: this.openApi,
      sessions,
      notifications: this.notifications,
      realtime: this.realtime,
      logger: this.logger,
      strictResponses: this.strictResponses,
      metrics: this.metrics,
      outboundAllowPrivate: config.outboundAllowPrivate,
      plugins: createPluginDirectory(() => this.plugins.list()),
      clock: this.clock,
      files: this.files,
      privacy: this.privacy,
      platform: this.database.platform,
      jobs: this.jobs,
      responders,
      sessionDeletion,
      messages: this.pluginSending.service,
    })
    await this.plugins.startAll()
    // Every plugin has defined its jobs: claim due ones (including those of nodes that died).
    this.jobs.start()
    // Sessions come up after plugins so that plugins see their first events.
    await this.sessionManager.restore()

    this.http = new HttpServer(this.app)
    this.realtime.attach(this.http.server)
    const address = await this.http.listen(config.port, config.host)
    this.logger.info({ port: address.port, host: address.address, version: kernelVersion }, 'WaQtor is listening')
  }

  private buildHttp(enablement: PluginEnablement, sessions: SessionDirectory, sender: MessageSender): void {
    const config = this.config
    const orm = this.orm
    const auth = new AuthService(config.tokenTtlHours)
    const limits = new RateLimits({ perMinute: config.rateLimitPerMinute, loginPerMinute: config.loginRateLimitPerMinute })
    const secureCookies = (protocol: string) => (config.cookieSecure === 'auto' ? protocol === 'https' : config.cookieSecure === 'true')
    this.app.proxy = config.trustProxy

    const root = new Router<WaqtorState>()
    registerHealthRoutes(root, {
      orm: () => this.ormInstance,
      started: () => this.lifecycle === 'running',
      pluginSummary: () => countBy(this.plugins.list().map((record) => record.status)),
      registry: this.metrics,
    })
    registerDocsRoutes(root, this.openApi, { title: 'WaQtor API', version: kernelVersion, description: 'WhatsApp automation: sessions, messages, plugins.' })

    const apiRouter = new Router<WaqtorState>({ prefix: '/api' })
    const api = new ApiRouter(apiRouter, { basePath: '/api', registry: this.openApi, strictResponses: this.strictResponses })
    const credentialsChanged = (owner: PrincipalRef) => this.realtime.recheckCredentials(owner)
    registerAuthRoutes({ api, orm, auth, limits, secureCookies, credentialsChanged })
    registerUserRoutes({ api, orm, auth, credentialsChanged })
    registerApiKeyRoutes({ api, orm, auth, credentialsChanged })
    registerPluginRoutes({ api, host: this.plugins, enablement, sessions, bus: this.bus })
    registerNotificationRoutes({ api, orm })
    registerSessionRoutes({ api, orm, manager: this.manager, governorChanged: (clientId) => this.pluginSending?.governor.reconsider(clientId) })
    registerSandboxRoutes({ api, orm, manager: this.manager })
    registerMessageRoutes({ api, orm, sender })
    if (this.pluginSending) registerGovernorRoutes({ api, governor: this.pluginSending.governor, assertSession: (clientId) => this.pluginSending!.service.assertSession(clientId) })
    registerChatRoutes({ api, orm })
    registerStatsRoutes({ api, orm, platform: this.database.platform })
    registerMediaRoutes({ api, orm, sender, maxBytes: config.mediaMaxMb * 1024 * 1024, allowPrivate: config.outboundAllowPrivate })
    registerContactRoutes({ api, orm, bus: this.bus, platform: this.database.platform })
    registerDataRoutes(api, () => this.dataServices!)
    registerRealtimeRoutes({ api, stats: this.realtime.stats })
    registerJobRoutes({ api, jobs: this.jobs })

    this.app.use(requestContextMiddleware(this.logger.child({ component: 'http' })))
    this.app.use(errorMiddleware(this.logger.child({ component: 'http' })))
    this.app.use(httpMetricsMiddleware(this.metrics))
    // Brotli or gzip for the panel's files and larger API answers (the panel's first load is ~3x smaller).
    this.app.use(securityHeadersMiddleware(this.adminPanelDir))
    this.app.use(compress({ threshold: 1024 }))
    this.app.use((_ctx, next) => RequestContext.create(orm.em, next))
    this.app.use(pluginUiMiddleware(this.plugins))
    this.app.use(staticPanelMiddleware(this.adminPanelDir))
    this.app.use(mediaRouteBypass())
    this.app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }))
    this.app.use(authMiddleware(orm, auth, limits))
    this.app.use(unmatchedRouteMiddleware())
    this.app.use(root.routes())
    this.app.use(root.allowedMethods())
    this.app.use(apiRouter.routes())
    this.app.use(apiRouter.allowedMethods())
    this.app.use(this.plugins.routes())
  }

  /**
   * Graceful stop: close realtime connections, refuse new connections and finish in-flight requests, let queued events drain,
   * stop plugins in reverse order, close the database. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown()
    return this.stopping
  }

  private async shutdown(): Promise<void> {
    this.lifecycle = 'stopping'
    const timeout = this.config.shutdownTimeoutMs
    // Before the HTTP server: open websockets would keep it from closing.
    await this.realtimeServer?.close(timeout)
    if (this.http) {
      const { graceful } = await this.http.close(timeout)
      if (!graceful) this.logger.warn({ timeoutMs: timeout }, 'requests still running at shutdown were cut off')
    }
    this.pluginSending?.close()
    // Running jobs are aborted and handed back before the sessions and plugins they use go away.
    if (this.jobService && !(await this.jobService.stop(timeout))) this.logger.warn({ timeoutMs: timeout }, 'jobs still running at shutdown were left to their leases')
    await this.sessionManager?.stopAll()
    if (!(await this.bus.close(timeout))) this.logger.warn({ timeoutMs: timeout }, 'events still queued at shutdown were abandoned')
    await this.plugins.stopAll()
    await this.ormInstance?.close(true)
    this.lifecycle = 'stopped'
    this.logger.info('WaQtor stopped')
  }
}

export function createKernel(options: KernelOptions = {}): Kernel {
  return new Kernel(options)
}

/**
 * Runs after the routers: what nothing answered becomes our JSON error. It must wrap the routers'
 * allowedMethods() rather than sit last, or a throw from the end would skip their 405/501.
 */
function unmatchedRouteMiddleware(): Middleware<WaqtorState> {
  return async (ctx, next) => {
    await next()
    if (ctx.body !== undefined) return
    const allow = ctx.response.get('Allow')
    if (ctx.status === 405) {
      throw new AppError('METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}; allowed: ${allow}`, { status: 405, details: { allow: allow.split(/,\s*/) } })
    }
    if (ctx.status === 501) {
      throw new AppError('METHOD_NOT_IMPLEMENTED', `${ctx.method} is not supported; allowed on ${ctx.path}: ${allow}`, { status: 501, expose: true, details: { allow: allow.split(/,\s*/) } })
    }
    if (ctx.status === 404) throw new NotFoundError('ROUTE_NOT_FOUND', `${ctx.method} ${ctx.path}`)
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}
