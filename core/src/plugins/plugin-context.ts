import type Router from '@koa/router'
import type { EntityManager } from '@mikro-orm/core'
import type { EventBus } from '../bus/event-bus.ts'
import type { Disposer } from '../bus/bus-types.ts'
import type { EventDefinition } from '../bus/define-event.ts'
import type { ApiRouter } from '../http/api-router.ts'
import type { WaqtorState } from '../http/api-context.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { SessionDirectory } from '../sessions/session-directory.ts'
import type { PluginManifest } from './plugin-manifest.ts'

type BusOn = EventBus['on']
type BusOnAny = EventBus['onAny']
type BusIntercept = EventBus['intercept']

/** The bus as a plugin sees it: registrations are tracked and filtered to its enabled sessions. */
export interface PluginBus {
  on: (...args: Parameters<BusOn>) => Disposer
  onAny: (...args: Parameters<BusOnAny>) => Disposer
  intercept: (...args: Parameters<BusIntercept>) => Disposer
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
  /** Runs `dispose` when the plugin stops (in reverse order of registration). */
  onDispose(dispose: () => void | Promise<void>): void
}
