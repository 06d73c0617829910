import type { Logger } from 'pino'
import type { BusMetrics } from './bus-metrics.ts'
import type { EventMeta } from './bus-types.ts'
import type { CallSite, HandlerRunner } from './handler-runner.ts'
import { ListenerTable } from './listener-table.ts'

/** An `on` or `onAny` registration, erased to `object` payloads: the table key ties it to its event. */
export interface Subscriber {
  site: CallSite
  disposed: boolean
  accepts: ((eventName: string, payload: object) => boolean) | undefined
  call: (eventName: string, payload: object, meta: EventMeta) => unknown
}

export interface Interceptor {
  event: string
  site: CallSite
  disposed: boolean
  order: number
  onError: 'pass' | 'drop'
  accepts: ((payload: object) => boolean) | undefined
  call: (payload: object, meta: EventMeta) => unknown
}

/** The table key of `onAny` handlers: never a valid event name, so it cannot collide with one. */
export const ANY_EVENT = '*'

const DROP: unique symbol = Symbol('drop')

/** Holds the registrations and delivers one event: interceptors in order, then all handlers at once. */
export class EventDispatcher {
  readonly handlers = new ListenerTable<Subscriber>()
  readonly anyHandlers = new ListenerTable<Subscriber>()
  readonly interceptors = new ListenerTable<Interceptor>((a, b) => a.order - b.order)

  constructor(
    private readonly runner: HandlerRunner,
    private readonly metrics: BusMetrics,
    private readonly logger: Logger,
  ) {}

  hasListeners(event: string): boolean {
    return (
      this.anyHandlers.size > 0 ||
      this.handlers.get(event).length > 0 ||
      this.interceptors.get(event).length > 0
    )
  }

  /** Resolves when every handler settled or timed out; never rejects. */
  async dispatch(original: object, meta: EventMeta): Promise<void> {
    const name = meta.event
    let payload = original
    for (const interceptor of this.interceptors.get(name)) {
      if (interceptor.disposed) continue
      const outcome = await this.runInterceptor(interceptor, payload, meta)
      if (outcome === DROP) return
      payload = outcome
    }
    const calls: Array<Promise<unknown>> = []
    for (const list of [this.handlers.get(name), this.anyHandlers.get(ANY_EVENT)]) {
      for (const subscriber of list) {
        if (subscriber.disposed) continue
        const { site, accepts } = subscriber
        if (accepts && this.runner.accepts(name, site, () => accepts(name, payload)) !== 'yes') continue
        calls.push(this.runner.run(name, site, () => subscriber.call(name, payload, meta)))
      }
    }
    if (calls.length > 0) await Promise.allSettled(calls)
  }

  private async runInterceptor(
    interceptor: Interceptor,
    payload: object,
    meta: EventMeta,
  ): Promise<object | typeof DROP> {
    const { event, site, accepts } = interceptor
    // A throwing filter is an interceptor failure, so a fail-closed ('drop') interceptor stays closed.
    const accepted = accepts ? this.runner.accepts(event, site, () => accepts(payload)) : 'yes'
    if (accepted === 'no') return payload
    if (accepted === 'error') return this.onInterceptorError(interceptor, payload)
    const result = await this.runner.run(event, site, () => interceptor.call(payload, meta))
    if (!result.ok) return this.onInterceptorError(interceptor, payload)
    const value = result.value
    if (value === undefined) return payload
    if (value === null) return this.drop(interceptor)
    if (typeof value !== 'object') {
      const err = new TypeError(`returned ${typeof value}, expected an object, null or undefined`)
      this.runner.fail(event, site, err, 'bus interceptor returned an invalid payload')
      return this.onInterceptorError(interceptor, payload)
    }
    return value
  }

  private onInterceptorError(interceptor: Interceptor, payload: object): object | typeof DROP {
    return interceptor.onError === 'drop' ? this.drop(interceptor) : payload
  }

  private drop({ event, site }: Interceptor): typeof DROP {
    this.metrics.dropped.inc({ event, interceptor: site.handler })
    this.logger.debug({ event, interceptor: site.handler, owner: site.owner }, 'bus event dropped')
    return DROP
  }
}
