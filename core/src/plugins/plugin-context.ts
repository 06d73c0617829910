import type Router from '@koa/router'
import type { EntityManager } from '@mikro-orm/core'
import type { Clock } from '../clock/index.ts'
import type { PluginJobs } from '../jobs/job-types.ts'
import type {
  AnyEventHandler, AnyHandlerOptions, Disposer, EventHandler, EventInterceptor, HandlerOptions, InterceptorOptions,
} from '../bus/bus-types.ts'
import type { EventDefinition } from '../bus/define-event.ts'
import type { ApiRouter } from '../http/api-router.ts'
import type { PluginOutbound } from '../http/outbound/plugin-outbound.ts'
import type { WaqtorState } from '../http/api-context.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { PluginNotifications } from '../notifications/plugin-notifications.ts'
import type { PluginContacts } from '../contacts/plugin-contacts.ts'
import type { PluginFiles } from '../files/plugin-files.ts'
import type { PluginPrivacy } from '../privacy/plugin-privacy.ts'
import type { PluginMessages } from '../messages/plugin-messages.ts'
import type { PluginIo } from '../realtime/plugin-io.ts'
import type { SessionDirectory } from '../sessions/session-directory.ts'
import type { PluginDirectory } from './plugin-directory.ts'
import type { PluginManifest } from './plugin-manifest.ts'
import type { PluginMetrics } from './plugin-metrics.ts'
import type { PluginResponders } from '../responders/responder-types.ts'
import type { SessionDeletedHandler } from './session-deletion.ts'

/**
 * The bus as a plugin sees it: registrations are tracked and filtered to its enabled sessions.
 * Written out rather than derived with `Parameters<EventBus['on']>`, which erases the generic
 * and would type every payload as `object`.
 */
export interface PluginBus {
  on<T extends object>(event: EventDefinition<T>, handler: EventHandler<NoInfer<T>>, options: HandlerOptions<NoInfer<T>>): Disposer
  onAny(handler: AnyEventHandler, options: AnyHandlerOptions): Disposer
  intercept<T extends object>(event: EventDefinition<T>, handler: EventInterceptor<NoInfer<T>>, options: InterceptorOptions<NoInfer<T>>): Disposer
  /** Emits one of this plugin's own events (its name must start with `<plugin id>.`). */
  emit<T extends object>(event: EventDefinition<T>, payload: T): Promise<void>
}

export interface PluginDb {
  /** The EntityManager of the current request or event handler (a fresh fork outside of one). */
  readonly em: EntityManager
  /** A new EntityManager for work outside requests and handlers, e.g. in timers. */
  fork(): EntityManager
}

/** The scoped API a plugin receives in register/start/stop. Everything it registers is disposed for it. */
export interface PluginContext<Config extends object = Record<string, unknown>> {
  readonly id: string
  readonly manifest: PluginManifest
  /** Global settings from the config file's `plugins.<id>` section, validated, defaults applied. */
  readonly config: Config
  /** Settings for one session: defaults, then global settings, then the session's own (session-scoped plugins). */
  sessionConfig(sessionId: string): Config
  /** Whether the plugin is on for a session: always for global plugins, per session otherwise. */
  isEnabledFor(sessionId: string): boolean
  readonly logger: Logger
  /** A @koa/router mounted at `/api/plugins/<id>`; routes need credentials like every /api route. */
  readonly router: Router<WaqtorState>
  /** Schema-described routes on the same router: validated input, listed in /api/openapi.json. */
  readonly api: ApiRouter
  readonly bus: PluginBus
  readonly db: PluginDb
  readonly sessions: SessionDirectory
  /** Raises notifications to users (needs `notifications:write` in the manifest's `permissions`). */
  readonly notifications: PluginNotifications
  /** A session's contacts: get, find, tag, opt-out, language (needs `contacts:read` / `contacts:write`; docs/plugin-api/contacts.md). */
  readonly contacts: PluginContacts
  /** The plugin's files, with signed download links (needs `storage:files`; docs/plugin-api/files.md). */
  readonly files: PluginFiles
  /** Export and erase hooks for the personal data the plugin keeps (docs/plugin-api/privacy.md). */
  readonly privacy: PluginPrivacy
  /** Sends WhatsApp messages, paced by the session's sending governor (needs `messages:send`; docs/plugin-api/messages.md). */
  readonly messages: PluginMessages
  /** The socket.io namespace `/plugins/<id>` (needs `contributes.namespace` in the manifest; docs/realtime.md). */
  readonly io: PluginIo
  /** Metrics on the kernel's /metrics, named `waqtor_<id with underscores>_…`; removed when the plugin stops. */
  readonly metrics: PluginMetrics
  /** SSRF-safe outbound HTTP with the operator's address policy (`WAQTOR_OUTBOUND_ALLOW_PRIVATE`). */
  readonly outbound: PluginOutbound
  /** Read-only facts about installed plugins (their public events). */
  readonly plugins: PluginDirectory
  /** The kernel's time source: use it instead of Date.now()/setTimeout so tests can move time. */
  readonly clock: Clock
  /** Durable background jobs: define, enqueue, schedule on cron, cancel; run once across nodes (docs/plugin-api/jobs.md). */
  readonly jobs: PluginJobs
  /** Answer inbound messages in the declared order (`contributes.responders`) and own chats (docs/plugin-api/responders.md). */
  readonly responders: PluginResponders
  /**
   * Runs when a session is deleted, whether or not the plugin is on for it, after the plugin's
   * declared `sessionData` rows are gone: remove what else it keeps (docs/plugin-api/lifecycle.md).
   */
  onSessionDeleted(handler: SessionDeletedHandler): Disposer
  /** Runs `dispose` when the plugin stops (in reverse order of registration). */
  onDispose(dispose: () => void | Promise<void>): void
}
