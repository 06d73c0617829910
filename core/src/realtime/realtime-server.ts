import type { Server as HttpServer } from 'node:http'
import type { MikroORM } from '@mikro-orm/core'
import type { Registry } from 'prom-client'
import { Server, type ServerOptions } from 'socket.io'
import type { AuthService } from '../auth/auth-service.ts'
import type { PrincipalRef } from '../auth/principal.ts'
import type { EventBus } from '../bus/event-bus.ts'
import type { Logger } from '../logging/create-logger.ts'
import { SessionDirectory } from '../sessions/session-directory.ts'
import { coreTopics } from './core-topics.ts'
import { CredentialWatch } from './credential-watch.ts'
import { rawWebSocket } from './engine-internals.ts'
import { forwardBusEvents } from './event-forwarder.ts'
import { handshakeMiddleware } from './handshake.ts'
import type { PluginNamespaces } from './plugin-io.ts'
import { RealtimeError } from './realtime-errors.ts'
import { RealtimeNamespace, type NamespaceServices } from './realtime-namespace.ts'
import type { RealtimeSettings } from './realtime-settings.ts'
import { RealtimeStats } from './realtime-stats.ts'
import type { RealtimeServerIo } from './realtime-types.ts'
import { TokenBuckets } from './token-bucket.ts'

export interface RealtimeServerOptions {
  settings: RealtimeSettings
  orm: MikroORM
  auth: AuthService
  bus: EventBus
  registry: Registry
  logger: Logger
}

/**
 * socket.io for the kernel: `/core` forwards session, message and notification events by topic;
 * each plugin that declares a namespace gets `/plugins/<id>`. Every namespace shares the handshake
 * checks, the per-socket emit limit, the backpressure bounds and the stats.
 */
export class RealtimeServer implements PluginNamespaces {
  readonly io: RealtimeServerIo
  readonly stats: RealtimeStats
  readonly core: RealtimeNamespace
  private readonly plugins = new Map<string, RealtimeNamespace>()
  private readonly services: NamespaceServices
  private readonly stopForwarding: () => void
  private readonly credentials: CredentialWatch
  private closing = false
  private closed: Promise<void> | undefined

  constructor(private readonly options: RealtimeServerOptions) {
    const { settings } = options
    this.io = new Server(serverOptions(settings))
    this.stats = new RealtimeStats(options.registry, {
      connections: () => Object.fromEntries(this.namespaces().map((namespace) => [namespace.name, namespace.io.sockets.size])),
      subscriptions: () => Object.fromEntries(this.namespaces().map((namespace) => [namespace.name, namespace.subscriptionCounts()])),
    })
    const sessions = new SessionDirectory(options.orm)
    this.services = {
      settings,
      stats: this.stats,
      limits: new TokenBuckets(settings.emitsPerSecond, settings.emitsBurst),
      sessionExists: (sessionId) => sessions.exists(sessionId),
      logger: options.logger,
    }
    // Nothing is served on the default namespace: refuse it with a pointer to the real ones.
    this.io.use((_socket, next) => next(new RealtimeError('UNKNOWN_NAMESPACE', 'Connect to /core, or to /plugins/<id> for a plugin')))
    this.core = this.open('/core', () => undefined)
    for (const topic of coreTopics) this.core.addTopic(topic)
    this.stopForwarding = forwardBusEvents(options.bus, this.core)
    this.credentials = new CredentialWatch({
      orm: options.orm,
      stats: this.stats,
      logger: options.logger,
      intervalMs: settings.credentialRecheckMs,
      namespaces: () => this.namespaces(),
    })
    this.credentials.start()
  }

  /**
   * Checks open sockets' credentials now (docs/realtime.md): those of `owner` after this node ends
   * one of its logins, changes the user or revokes the key; every socket without `owner`. Other
   * nodes see the change at their next periodic check.
   */
  recheckCredentials(owner?: PrincipalRef): Promise<void> {
    // The change itself is saved: a failure here is logged, not turned into a failed API call.
    return this.credentials.recheckLogged(owner)
  }

  /** Serves socket.io on the kernel's HTTP server (under `/socket.io/`). */
  attach(server: HttpServer): void {
    this.io.attach(server)
  }

  openPluginNamespace(pluginId: string): RealtimeNamespace {
    const existing = this.plugins.get(pluginId)
    if (existing) return existing
    const namespace = this.open(`/plugins/${pluginId}`, () =>
      this.plugins.has(pluginId) ? undefined : new RealtimeError('PLUGIN_NOT_AVAILABLE', `Plugin ${pluginId} is not running`),
    )
    this.plugins.set(pluginId, namespace)
    return namespace
  }

  closePluginNamespace(pluginId: string): void {
    const namespace = this.plugins.get(pluginId)
    if (!namespace) return
    this.plugins.delete(pluginId)
    namespace.close()
  }

  /**
   * Refuses new handshakes, stops forwarding and closes every connection; clients see a disconnect
   * ("transport close") and reconnect on their own, e.g. to the restarted node. Connections that do
   * not finish closing within `timeoutMs` are cut.
   */
  close(timeoutMs: number): Promise<void> {
    this.closed ??= this.shutdown(timeoutMs)
    return this.closed
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    this.closing = true
    this.stopForwarding()
    this.credentials.stop()
    const connections = new Set(this.namespaces().flatMap((namespace) => [...namespace.io.sockets.values()].map((socket) => socket.conn)))
    const sockets = [...connections].flatMap((conn) => rawWebSocket(conn) ?? [])
    // Only there once attached to an HTTP server.
    ;(this.io.engine as { close(): void } | undefined)?.close()
    const open = sockets.filter((socket) => socket.readyState !== WEBSOCKET_CLOSED)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(open.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())))),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs)
      }),
    ])
    clearTimeout(timer)
    for (const socket of open) if (socket.readyState !== WEBSOCKET_CLOSED) socket.terminate()
  }

  private namespaces(): RealtimeNamespace[] {
    return [this.core, ...this.plugins.values()]
  }

  private open(name: string, unavailable: () => RealtimeError | undefined): RealtimeNamespace {
    const io = this.io.of(name)
    const { settings, orm, auth, logger } = this.options
    io.use(
      handshakeMiddleware({
        settings,
        orm,
        auth,
        stats: this.stats,
        logger,
        unavailable: () => (this.closing ? new RealtimeError('SERVER_SHUTTING_DOWN', 'The server is shutting down; reconnect shortly') : unavailable()),
      }),
    )
    return new RealtimeNamespace(io, { ...this.services, logger: logger.child({ namespace: name }) })
  }
}

const WEBSOCKET_CLOSED = 3

function serverOptions(settings: RealtimeSettings): Partial<ServerOptions> {
  const cors = settings.origins.length === 0 ? undefined : { origin: settings.origins.includes('*') ? true : [...settings.origins] }
  return {
    serveClient: false,
    maxHttpBufferSize: settings.maxPayloadBytes,
    perMessageDeflate: settings.deflate ? { threshold: 1024 } : false,
    pingInterval: settings.pingIntervalMs,
    pingTimeout: settings.pingTimeoutMs,
    // A client that never gets into a namespace (refused handshake) is dropped after this.
    connectTimeout: 10_000,
    ...(cors ? { cors } : {}),
  }
}
