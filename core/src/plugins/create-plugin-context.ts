import Router from '@koa/router'
import type { Clock } from '../clock/index.ts'
import type { JobService } from '../jobs/job-service.ts'
import { createPluginJobs } from '../jobs/plugin-jobs.ts'
import type { MikroORM } from '@mikro-orm/core'
import type { Registry } from 'prom-client'
import type { EventBus } from '../bus/event-bus.ts'
import type { WaqtorState } from '../http/api-context.ts'
import { ApiRouter } from '../http/api-router.ts'
import { createPluginOutbound } from '../http/outbound/plugin-outbound.ts'
import type { OpenApiRegistry } from '../http/openapi-registry.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { NotificationService } from '../notifications/notification-service.ts'
import { createPluginNotifications } from '../notifications/plugin-notifications.ts'
import { createPluginContacts } from '../contacts/plugin-contacts.ts'
import type { DatabasePlatform } from '../db/migration.ts'
import type { FileService } from '../files/file-service.ts'
import { createPluginFiles } from '../files/plugin-files.ts'
import { createPluginPrivacy } from '../privacy/plugin-privacy.ts'
import type { PrivacyRegistry } from '../privacy/privacy-registry.ts'
import type { PluginMessageService } from '../messages/plugin-message-service.ts'
import { createPluginMessages } from '../messages/plugin-messages.ts'
import { createPluginIo, type PluginNamespaces } from '../realtime/plugin-io.ts'
import type { SessionDirectory } from '../sessions/session-directory.ts'
import type { PluginBus, PluginContext } from './plugin-context.ts'
import type { PluginDirectory } from './plugin-directory.ts'
import { createPluginMetrics } from './plugin-metrics.ts'
import type { PluginEnablement } from './plugin-enablement.ts'
import { PluginError } from './plugin-error.ts'
import type { PluginRecord } from './plugin-record.ts'
import { reachesRegardlessOfEnablement } from './lifecycle-delivery.ts'
import type { SessionDeletion } from './session-deletion.ts'
import { createPluginResponders, type Responders } from '../responders/index.ts'
import { mergeSettings } from './settings/merge-settings.ts'

/** What the kernel lends every plugin. */
export interface PluginRuntime {
  orm: MikroORM
  bus: EventBus
  enablement: PluginEnablement
  openApi: OpenApiRegistry
  sessions: SessionDirectory
  notifications: NotificationService
  realtime: PluginNamespaces
  logger: Logger
  strictResponses: boolean
  /** The kernel's prom-client registry, served at /metrics. */
  metrics: Registry
  /** The operator's `outboundAllowPrivate`. */
  outboundAllowPrivate: boolean
  plugins: PluginDirectory
  clock: Clock
  /** Plugin files (`plugin.files`). */
  files: FileService
  /** Personal-data hooks (`plugin.privacy`). */
  privacy: PrivacyRegistry
  platform: DatabasePlatform
  /** Durable jobs (`plugin.jobs`). */
  jobs: JobService
  /** Sends for plugins (`plugin.messages`), paced by the sending governor. */
  messages: PluginMessageService
  /** Responder chain and chat owners (core/src/responders). */
  responders: Responders
  /** Plugin clean-ups when a session is deleted. */
  sessionDeletion: SessionDeletion
}

export function pluginBasePath(id: string): string {
  return `/api/plugins/${id}`
}

export function createPluginContext(record: PluginRecord, runtime: PluginRuntime): PluginContext {
  const manifest = record.manifest!
  const id = record.id
  const router = new Router<WaqtorState>({ prefix: pluginBasePath(id) })
  record.router = router
  const sessionScoped = manifest.scope === 'session'
  const enabledFor = (sessionId: unknown): boolean => typeof sessionId !== 'string' || !sessionScoped || runtime.enablement.isEnabled(id, sessionId)
  // Lifecycle events about the plugin itself, and session.deleted, reach it even where it is off.
  const delivered = (eventName: string, payload: unknown): boolean => enabledFor(sessionOf(payload)) || reachesRegardlessOfEnablement(id, eventName, payload)
  const track = (dispose: () => void) => {
    record.disposers.push(dispose)
    return dispose
  }

  const bus: PluginBus = {
    on: (event, handler, options) =>
      track(runtime.bus.on(event, handler, { ...options, id: `${id}:${options.id}`, owner: id, accepts: both(options.accepts, (payload) => delivered(event.name, payload)) })),
    onAny: (handler, options) =>
      track(runtime.bus.onAny(handler, { ...options, id: `${id}:${options.id}`, owner: id, accepts: both2(options.accepts, (name, payload) => delivered(name, payload)) })),
    intercept: (event, handler, options) =>
      track(runtime.bus.intercept(event, handler, { ...options, id: `${id}:${options.id}`, owner: id, accepts: both(options.accepts, (payload) => enabledFor(sessionOf(payload))) })),
    emit: async (event, payload) => {
      if (!event.name.startsWith(`${id}.`)) {
        throw new PluginError('PLUGIN_EVENT_NOT_OWNED', id, `may only emit its own events (named "${id}.…"), not "${event.name}"`)
      }
      await runtime.bus.emit(event, payload)
    },
  }

  return {
    id,
    manifest,
    config: record.config,
    sessionConfig(sessionId) {
      const state = runtime.enablement.get(id, sessionId)
      const checked = record.validator?.check(mergeSettings(record.rawConfig, state.settings), 'settings')
      return checked?.ok ? checked.value : record.config
    },
    isEnabledFor: (sessionId) => enabledFor(sessionId),
    logger: runtime.logger.child({ plugin: id }),
    router,
    api: new ApiRouter(router, { basePath: pluginBasePath(id), registry: runtime.openApi, strictResponses: runtime.strictResponses, owner: id }),
    bus,
    db: {
      get em() {
        return runtime.orm.em
      },
      fork: () => runtime.orm.em.fork(),
    },
    sessions: runtime.sessions,
    notifications: createPluginNotifications(id, manifest, runtime.notifications),
    contacts: createPluginContacts(id, manifest, { orm: runtime.orm, bus: runtime.bus, platform: runtime.platform, logger: runtime.logger }),
    files: createPluginFiles(id, manifest, runtime.files),
    privacy: createPluginPrivacy(id, runtime.privacy, track),
    messages: createPluginMessages(id, manifest, runtime.messages, (sessionId) => enabledFor(sessionId), track),
    io: createPluginIo(id, manifest, runtime.realtime, track),
    metrics: createPluginMetrics(id, runtime.metrics, track),
    outbound: createPluginOutbound(runtime.outboundAllowPrivate, (dispose) => record.disposers.push(dispose)),
    plugins: runtime.plugins,
    clock: runtime.clock,
    jobs: createPluginJobs(id, runtime.jobs, track),
    responders: createPluginResponders({ pluginId: id, manifest, chain: runtime.responders.chain, owners: runtime.responders.owners, isEnabledFor: (sessionId) => enabledFor(sessionId), track }),
    onSessionDeleted: (handler) => track(runtime.sessionDeletion.addHook(id, handler)),
    onDispose(dispose) {
      record.disposers.push(dispose)
    },
  }
}

function sessionOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as { sessionId?: unknown }).sessionId : undefined
}

function both<T>(first: ((payload: T) => boolean) | undefined, second: (payload: T) => boolean): (payload: T) => boolean {
  return first ? (payload) => second(payload) && first(payload) : second
}

function both2(
  first: ((name: string, payload: object) => boolean) | undefined,
  second: (name: string, payload: object) => boolean,
): (name: string, payload: object) => boolean {
  return first ? (name, payload) => second(name, payload) && first(name, payload) : second
}
