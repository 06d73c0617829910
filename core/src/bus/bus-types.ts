import type { Logger } from 'pino'
import type { Registry } from 'prom-client'

/** Undoes a registration. Calling it again is a no-op, so the kernel and plugins can both call it. */
export type Disposer = () => void

export interface EventMeta {
  /** The event name, e.g. `message.received`. */
  event: string
  emittedAt: Date
  /** The ordering key `<sessionId|*>:<chatId|*>`: events with the same key are handled in order. */
  key: string
}

export interface EventBusOptions {
  logger: Logger
  registry: Registry
  /** Events accepted but not yet fully handled, across all keys; `emit` waits beyond this. */
  maxQueued: number
  /** A handler or interceptor not settled after this long is logged, counted and no longer awaited. */
  handlerTimeoutMs: number
  /** Wraps every handler and interceptor call (the kernel gives each its own ORM request context). */
  runInContext?: <R>(fn: () => Promise<R>) => Promise<R>
}

export interface HandlerOptions<T> {
  /** Stable id: the metric label and the log field that names the handler. */
  id: string
  /** The plugin (or core module) that registered it, for logs. */
  owner?: string
  /** Delivery filter; false (or a throw) skips this handler for this event. */
  accepts?: (payload: T) => boolean
}

export interface AnyHandlerOptions {
  id: string
  owner?: string
  accepts?: (eventName: string, payload: object) => boolean
}

export interface InterceptorOptions<T> extends HandlerOptions<T> {
  /** Lower runs first; ties run in registration order. Default 0. */
  order?: number
  /** What a failing interceptor means: `pass` lets the event through unchanged, `drop` fails closed. */
  onError?: 'pass' | 'drop'
}

export type EventHandler<T> = (payload: T, meta: EventMeta) => unknown
export type AnyEventHandler = (eventName: string, payload: object, meta: EventMeta) => unknown
/** Return a payload to replace it, `undefined` to keep it, `null` to drop the event. */
export type EventInterceptor<T> = (
  payload: T,
  meta: EventMeta,
) => T | null | undefined | Promise<T | null | undefined>

export interface EventBusStats {
  /** Accepted, waiting for earlier events of their key. */
  queued: number
  /** Being handled right now (at most one per key). */
  running: number
  /** Distinct ordering keys with work outstanding. */
  keys: number
  /** `on` plus `onAny` registrations. */
  handlers: number
  interceptors: number
}
