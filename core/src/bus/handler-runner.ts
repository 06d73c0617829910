import type { Logger } from 'pino'
import type { BusMetrics } from './bus-metrics.ts'

/** Who is being called, for logs and the error metric (the event name is passed per call). */
export interface CallSite {
  handler: string
  owner: string | undefined
  kind: 'handler' | 'interceptor'
}

export type CallResult<R> = { ok: true; value: R } | { ok: false }

const TIMED_OUT: unique symbol = Symbol('timed out')

/**
 * Calls plugin code for the bus: inside the kernel's context, bounded by a timeout, and with
 * every failure logged and counted here, so a faulty plugin never reaches the queue or the kernel.
 */
export class HandlerRunner {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: BusMetrics,
    private readonly timeoutMs: number,
    private readonly runInContext: <R>(fn: () => Promise<R>) => Promise<R>,
  ) {}

  /** Never rejects. A timed-out call keeps running but is no longer awaited. */
  async run<R>(event: string, site: CallSite, call: () => R | PromiseLike<R>): Promise<CallResult<R>> {
    let work: Promise<R>
    try {
      // The async arrow turns a synchronous throw in the handler into a rejection.
      work = this.runInContext(async (): Promise<R> => call())
    } catch (err) {
      work = Promise.reject(err)
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, this.timeoutMs, TIMED_OUT)
    })
    try {
      const value = await Promise.race([work, timeout])
      if (value === TIMED_OUT) {
        this.fail(event, site, undefined, `bus ${site.kind} timed out after ${this.timeoutMs} ms`)
        return { ok: false }
      }
      return { ok: true, value }
    } catch (err) {
      this.fail(event, site, err, `bus ${site.kind} failed`)
      return { ok: false }
    } finally {
      clearTimeout(timer)
    }
  }

  /** Runs a delivery filter; a throwing filter counts as an error and as "not accepted". */
  accepts(event: string, site: CallSite, filter: () => boolean): 'yes' | 'no' | 'error' {
    try {
      return filter() ? 'yes' : 'no'
    } catch (err) {
      this.fail(event, site, err, `bus ${site.kind} accepts filter failed`)
      return 'error'
    }
  }

  fail(event: string, site: CallSite, err: unknown, message: string): void {
    this.metrics.handlerErrors.inc({ event, handler: site.handler })
    this.logger.error(
      { event, handler: site.handler, owner: site.owner, kind: site.kind, err },
      message,
    )
  }
}
