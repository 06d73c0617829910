import { Counter, Gauge, type Registry } from 'prom-client'

export interface BusMetrics {
  emitted: Counter<'event'>
  handlerErrors: Counter<'event' | 'handler'>
  dropped: Counter<'event' | 'interceptor'>
  backpressureWaits: Counter
}

/** Registers the bus metrics on the kernel's registry; `queueDepth` is read at scrape time. */
export function createBusMetrics(registry: Registry, queueDepth: () => number): BusMetrics {
  const registers = [registry]
  new Gauge({
    name: 'waqtor_bus_queue_depth',
    help: 'Events accepted by the bus and not yet fully handled (queued plus running)',
    registers,
    collect() {
      this.set(queueDepth())
    },
  })
  return {
    emitted: new Counter({
      name: 'waqtor_bus_events_emitted_total',
      help: 'Events accepted by the bus',
      labelNames: ['event'],
      registers,
    }),
    handlerErrors: new Counter({
      name: 'waqtor_bus_handler_errors_total',
      help: 'Handler, interceptor or accepts-filter calls that threw, rejected or timed out',
      labelNames: ['event', 'handler'],
      registers,
    }),
    dropped: new Counter({
      name: 'waqtor_bus_events_dropped_total',
      help: 'Events dropped by an interceptor (returned null, or failed with onError "drop")',
      labelNames: ['event', 'interceptor'],
      registers,
    }),
    backpressureWaits: new Counter({
      name: 'waqtor_bus_backpressure_waits_total',
      help: 'Times an emit had to wait because the bus queue was full',
      registers,
    }),
  }
}
