/**
 * The kernel's typed event bus.
 *
 * Delivery: `intercept` filters run first, one after the other by `order`, and may replace or drop
 * the payload; then every `on` and `onAny` handler of the event runs concurrently. Handlers are
 * error-isolated: a throw, rejection or timeout is logged, counted and never reaches the emitter,
 * other handlers or the kernel.
 *
 * Ordering: events are keyed by `<sessionId|*>:<chatId|*>`. Events of one key are handled strictly
 * in emit order (the next starts when every handler of the previous one settled or timed out);
 * different keys run concurrently.
 *
 * When full: at most `maxQueued` events may be accepted but not finished. Beyond that `emit` does
 * not drop and does not throw: its promise stays pending until a slot frees up (backpressure),
 * producers being served first come, first served. Each wait is counted in
 * `waqtor_bus_backpressure_waits_total` and a warning is logged at most once per 10 s. A handler
 * should therefore not `await` an emit (use `void bus.emit(...)`): while the bus is full it would
 * hold its own slot until its timeout.
 *
 * `close()` refuses new events, including producers still waiting for room, and lets the queue drain.
 */
import type { Logger } from 'pino'
import { BusClosedError } from './bus-closed-error.ts'
import { createBusMetrics, type BusMetrics } from './bus-metrics.ts'
import type {
  AnyEventHandler, AnyHandlerOptions, Disposer, EventBusOptions, EventBusStats, EventHandler,
  EventInterceptor, EventMeta, HandlerOptions, InterceptorOptions,
} from './bus-types.ts'
import type { EventDefinition } from './define-event.ts'
import { ANY_EVENT, EventDispatcher } from './dispatch-event.ts'
import { HandlerRunner } from './handler-runner.ts'
import { KeyedQueue } from './keyed-queue.ts'

const FULL_WARNING_INTERVAL_MS = 10_000

export class EventBus {
  private readonly logger: Logger
  private readonly metrics: BusMetrics
  private readonly listeners: EventDispatcher
  private readonly queue: KeyedQueue
  private readonly maxQueued: number
  private closed = false
  private lastFullWarning = Number.NEGATIVE_INFINITY

  constructor(options: EventBusOptions) {
    if (!Number.isInteger(options.maxQueued) || options.maxQueued < 1) {
      throw new Error(`EventBus: maxQueued must be a positive integer, got ${options.maxQueued}`)
    }
    if (!Number.isFinite(options.handlerTimeoutMs) || options.handlerTimeoutMs <= 0) {
      const got = options.handlerTimeoutMs
      throw new Error(`EventBus: handlerTimeoutMs must be a positive finite number, got ${got}`)
    }
    this.maxQueued = options.maxQueued
    this.logger = options.logger.child({ component: 'bus' })
    this.metrics = createBusMetrics(options.registry, () => this.queue.stats.pending)
    const runInContext = options.runInContext ?? (<R>(fn: () => Promise<R>) => fn())
    const runner = new HandlerRunner(this.logger, this.metrics, options.handlerTimeoutMs, runInContext)
    this.listeners = new EventDispatcher(runner, this.metrics, this.logger)
    this.queue = new KeyedQueue(options.maxQueued, (err) => this.logger.error({ err }, 'bus dispatch failed'))
  }

  on<T extends object>(
    event: EventDefinition<T>,
    handler: EventHandler<NoInfer<T>>,
    options: HandlerOptions<NoInfer<T>>,
  ): Disposer {
    const { accepts } = options
    return this.listeners.handlers.add(event.name, {
      site: { handler: options.id, owner: options.owner, kind: 'handler' },
      disposed: false,
      // The table is keyed by event name, so a payload found under it is this event's T.
      accepts: accepts && ((_name, payload) => accepts(payload as T)),
      call: (_name, payload, meta) => handler(payload as T, meta),
    })
  }

  onAny(handler: AnyEventHandler, options: AnyHandlerOptions): Disposer {
    return this.listeners.anyHandlers.add(ANY_EVENT, {
      site: { handler: options.id, owner: options.owner, kind: 'handler' },
      disposed: false,
      accepts: options.accepts,
      call: handler,
    })
  }

  intercept<T extends object>(
    event: EventDefinition<T>,
    handler: EventInterceptor<NoInfer<T>>,
    options: InterceptorOptions<NoInfer<T>>,
  ): Disposer {
    const { accepts } = options
    return this.listeners.interceptors.add(event.name, {
      event: event.name,
      site: { handler: options.id, owner: options.owner, kind: 'interceptor' },
      disposed: false,
      order: options.order ?? 0,
      onError: options.onError ?? 'pass',
      accepts: accepts && ((payload) => accepts(payload as T)),
      call: (payload, meta) => handler(payload as T, meta),
    })
  }

  /** Resolves once the event is accepted into the queue, not when it has been handled. */
  async emit<T extends object>(event: EventDefinition<T>, payload: NoInfer<T>): Promise<void> {
    const name = event.name
    if (this.closed) throw new BusClosedError(name)
    if (typeof payload !== 'object' || payload === null) {
      throw new TypeError(`Payload of "${name}" must be an object`)
    }
    const emittedAt = new Date()
    // Nobody would see it: skip the queue rather than take a slot and a lane for nothing.
    if (!this.listeners.hasListeners(name)) {
      this.metrics.emitted.inc({ event: name })
      return
    }
    if (!this.queue.tryReserve()) await this.waitForRoom(name)
    this.metrics.emitted.inc({ event: name })
    const key = orderingKey(payload)
    const meta: EventMeta = Object.freeze({ event: name, emittedAt, key })
    this.queue.push(key, () => this.listeners.dispatch(payload, meta))
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    return this.queue.onIdle()
  }

  /** Refuses new events and waits up to `timeoutMs` for the queue to drain; true if it drained. */
  async close(timeoutMs: number): Promise<boolean> {
    if (!this.closed) {
      this.closed = true
      this.queue.rejectWaiters(new BusClosedError())
    }
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, false)
    })
    try {
      return await Promise.race([this.queue.onIdle().then(() => true), timedOut])
    } finally {
      clearTimeout(timer)
    }
  }

  stats(): EventBusStats {
    const { pending, running, keys } = this.queue.stats
    return {
      queued: pending - running,
      running,
      keys,
      handlers: this.listeners.handlers.size + this.listeners.anyHandlers.size,
      interceptors: this.listeners.interceptors.size,
    }
  }

  private async waitForRoom(name: string): Promise<void> {
    this.metrics.backpressureWaits.inc()
    const now = Date.now()
    if (now - this.lastFullWarning >= FULL_WARNING_INTERVAL_MS) {
      this.lastFullWarning = now
      this.logger.warn(
        { event: name, maxQueued: this.maxQueued, ...this.stats() },
        'bus queue full: emit waits for room (backpressure)',
      )
    }
    await this.queue.waitForSlot()
  }
}

/** `<sessionId|*>:<chatId|*>`: the unit of ordering. Only string values count. */
function orderingKey(payload: object): string {
  const { sessionId, chatId } = payload as { sessionId?: unknown; chatId?: unknown }
  return `${typeof sessionId === 'string' ? sessionId : '*'}:${typeof chatId === 'string' ? chatId : '*'}`
}
