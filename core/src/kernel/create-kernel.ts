import Router from '@koa/router'
import { bodyParser } from '@koa/bodyparser'
import { RequestContext, type MikroORM } from '@mikro-orm/core'
import Koa from 'koa'
import { collectDefaultMetrics, Registry } from 'prom-client'
import { AuthService } from '../auth/auth-service.ts'
import { authMiddleware } from '../auth/auth-middleware.ts'
import { RateLimits } from '../auth/rate-limits.ts'
import { registerApiKeyRoutes } from '../auth/routes/api-key-routes.ts'
import { registerAuthRoutes } from '../auth/routes/auth-routes.ts'
import { registerUserRoutes } from '../auth/routes/user-routes.ts'
import { seedFirstAdmin, type SeededAdmin } from '../auth/seed-admin.ts'
import { EventBus } from '../bus/event-bus.ts'
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from '../config/load-config.ts'
import { createOrm } from '../db/create-orm.ts'
import { describeDatabaseTarget, resolveDatabaseTarget, type DatabaseTarget } from '../db/database-target.ts'
import { coreEntities } from '../db/entities/index.ts'
import { coreMigrations } from '../db/migrations/index.ts'
import { NotFoundError } from '../errors/app-error.ts'
import type { WaqtorState } from '../http/api-context.ts'
import { ApiRouter } from '../http/api-router.ts'
import { registerDocsRoutes } from '../http/docs-routes.ts'
import { errorMiddleware } from '../http/error-middleware.ts'
import { registerHealthRoutes } from '../http/health-routes.ts'
import { OpenApiRegistry } from '../http/openapi-registry.ts'
import { requestContextMiddleware } from '../http/request-context.ts'
import { staticPanelMiddleware } from '../http/static-panel.ts'
import { createLogger, type Logger } from '../logging/create-logger.ts'
import { httpMetricsMiddleware } from '../metrics/http-metrics.ts'
import { PluginEnablement } from '../plugins/plugin-enablement.ts'
import { PluginHost } from '../plugins/plugin-host.ts'
import { registerPluginRoutes } from '../plugins/routes/plugin-routes.ts'
import { SessionDirectory } from '../sessions/session-directory.ts'
import { HttpServer } from './http-server.ts'
import { adminPanelDir, builtinPluginsDir, kernelVersion } from './kernel-paths.ts'
import { migrateAll } from './migrate-all.ts'

export interface KernelOptions extends LoadConfigOptions {
  /** A logger to use instead of one built from LOG_LEVEL (tests pass a silent one). */
  logger?: Logger
  /** Check every response against its declared schema (the test harness turns this on). */
  strictResponses?: boolean
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
  /** Set when start() created the first admin; `generatedPassword` must be shown to the operator once. */
  seededAdmin: SeededAdmin | undefined
  private ormInstance: MikroORM | undefined
  private http: HttpServer | undefined
  private lifecycle: KernelState = 'created'
  private stopping: Promise<void> | undefined
  private readonly strictResponses: boolean
  private readonly cwd: string

  constructor(options: KernelOptions = {}) {
    this.config = loadConfig(options)
    this.cwd = options.cwd ?? process.cwd()
    this.logger = options.logger ?? createLogger(this.config.logLevel)
    this.strictResponses = options.strictResponses ?? false
    this.database = resolveDatabaseTarget(this.config.databaseUrl, this.config.dataDir)
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
    this.seededAdmin = await seedFirstAdmin(this.ormInstance, config.adminEmail, config.adminPassword)

    const enablement = new PluginEnablement(this.ormInstance)
    await enablement.reload()
    const sessions = new SessionDirectory(this.ormInstance)
    this.buildHttp(enablement, sessions)

    await this.plugins.registerAll({
      orm: this.ormInstance,
      bus: this.bus,
      enablement,
      openApi: this.openApi,
      sessions,
      logger: this.logger,
      strictResponses: this.strictResponses,
    })
    await this.plugins.startAll()

    this.http = new HttpServer(this.app)
    const address = await this.http.listen(config.port, config.host)
    this.logger.info({ port: address.port, host: address.address, version: kernelVersion }, 'WaQtor is listening')
  }

  private buildHttp(enablement: PluginEnablement, sessions: SessionDirectory): void {
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
    registerAuthRoutes({ api, orm, auth, limits, secureCookies })
    registerUserRoutes({ api, orm, auth })
    registerApiKeyRoutes({ api, orm, auth })
    registerPluginRoutes({ api, host: this.plugins, enablement, sessions, bus: this.bus })

    this.app.use(requestContextMiddleware(this.logger.child({ component: 'http' })))
    this.app.use(errorMiddleware(this.logger.child({ component: 'http' })))
    this.app.use(httpMetricsMiddleware(this.metrics))
    this.app.use((_ctx, next) => RequestContext.create(orm.em, next))
    this.app.use(staticPanelMiddleware(adminPanelDir))
    this.app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }))
    this.app.use(authMiddleware(orm, auth, limits))
    this.app.use(root.routes())
    this.app.use(root.allowedMethods())
    this.app.use(apiRouter.routes())
    this.app.use(apiRouter.allowedMethods())
    this.app.use(this.plugins.routes())
    this.app.use((ctx) => {
      if (ctx.body === undefined && ctx.status === 404) throw new NotFoundError('ROUTE_NOT_FOUND', `${ctx.method} ${ctx.path}`)
    })
  }

  /**
   * Graceful stop: refuse new connections and finish in-flight requests, let queued events drain,
   * stop plugins in reverse order, close the database. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown()
    return this.stopping
  }

  private async shutdown(): Promise<void> {
    this.lifecycle = 'stopping'
    const timeout = this.config.shutdownTimeoutMs
    if (this.http) {
      const { graceful } = await this.http.close(timeout)
      if (!graceful) this.logger.warn({ timeoutMs: timeout }, 'requests still running at shutdown were cut off')
    }
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

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}
