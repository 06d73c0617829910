import { Counter, Gauge, type Registry } from 'prom-client'
import { SlidingWindow } from './sliding-window.ts'

const WINDOW_SECONDS = 10

/** Counts read from socket.io when asked, never kept up to date on the hot path. */
export interface LiveCounts {
  /** Connected sockets per namespace. */
  connections(): Record<string, number>
  /** Sockets subscribed to each topic, per namespace. */
  subscriptions(): Record<string, Record<string, number>>
}

export interface RealtimeStatsSnapshot {
  connections: Record<string, number>
  subscriptions: Record<string, Record<string, number>>
  windowSeconds: number
  eventsOutPerSecond: number
  bytesOutPerSecond: number
  eventsOut: number
  bytesOut: number
  droppedEvents: number
  backpressureDisconnects: number
  revokedDisconnects: number
  rejectedHandshakes: Record<string, number>
  rateLimitedEmits: number
}

/**
 * What the realtime layer did, for `GET /api/realtime/stats` and the `waqtor_realtime_*` metrics.
 * Each count is kept once here and mirrored into a prom-client counter at the same moment.
 */
export class RealtimeStats {
  private readonly events = new SlidingWindow(WINDOW_SECONDS)
  private readonly bytes = new SlidingWindow(WINDOW_SECONDS)
  private eventsOut = 0
  private bytesOut = 0
  private droppedEvents = 0
  private backpressureDisconnects = 0
  private revokedDisconnects = 0
  private rateLimitedEmits = 0
  private readonly rejectedHandshakes: Record<string, number> = {}
  private readonly metrics: RealtimeMetrics

  constructor(
    registry: Registry,
    private readonly live: LiveCounts,
  ) {
    this.metrics = createRealtimeMetrics(registry, live, this)
  }

  /** `count` sockets were sent an event of `bytes` bytes each. */
  delivered(namespace: string, count: number, bytes: number): void {
    if (count === 0) return
    this.eventsOut += count
    this.bytesOut += count * bytes
    this.events.add(count)
    this.bytes.add(count * bytes)
    this.metrics.eventsOut.inc({ namespace }, count)
    this.metrics.bytesOut.inc({ namespace }, count * bytes)
  }

  dropped(namespace: string, count: number): void {
    if (count === 0) return
    this.droppedEvents += count
    this.metrics.dropped.inc({ namespace }, count)
  }

  disconnectedForBackpressure(namespace: string): void {
    this.backpressureDisconnects++
    this.metrics.backpressureDisconnects.inc({ namespace })
  }

  /** A socket closed because its login or API key was revoked, expired or disabled. */
  disconnectedForRevokedCredentials(namespace: string): void {
    this.revokedDisconnects++
    this.metrics.revokedDisconnects.inc({ namespace })
  }

  rejectedHandshake(reason: string): void {
    this.rejectedHandshakes[reason] = (this.rejectedHandshakes[reason] ?? 0) + 1
    this.metrics.rejectedHandshakes.inc({ reason })
  }

  rateLimited(namespace: string): void {
    this.rateLimitedEmits++
    this.metrics.rateLimited.inc({ namespace })
  }

  eventsPerSecond(): number {
    return this.events.perSecond()
  }

  bytesPerSecond(): number {
    return this.bytes.perSecond()
  }

  snapshot(): RealtimeStatsSnapshot {
    return {
      connections: this.live.connections(),
      subscriptions: this.live.subscriptions(),
      windowSeconds: WINDOW_SECONDS,
      eventsOutPerSecond: round(this.eventsPerSecond()),
      bytesOutPerSecond: round(this.bytesPerSecond()),
      eventsOut: this.eventsOut,
      bytesOut: this.bytesOut,
      droppedEvents: this.droppedEvents,
      backpressureDisconnects: this.backpressureDisconnects,
      revokedDisconnects: this.revokedDisconnects,
      rejectedHandshakes: { ...this.rejectedHandshakes },
      rateLimitedEmits: this.rateLimitedEmits,
    }
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

type RealtimeMetrics = ReturnType<typeof createRealtimeMetrics>

function createRealtimeMetrics(registry: Registry, live: LiveCounts, stats: RealtimeStats) {
  const registers = [registry]
  new Gauge({
    name: 'waqtor_realtime_connections',
    help: 'Connected socket.io clients per namespace',
    labelNames: ['namespace'] as const,
    registers,
    collect() {
      this.reset()
      for (const [namespace, count] of Object.entries(live.connections())) this.set({ namespace }, count)
    },
  })
  new Gauge({
    name: 'waqtor_realtime_subscriptions',
    help: 'Sockets subscribed to each topic, per namespace',
    labelNames: ['namespace', 'topic'] as const,
    registers,
    collect() {
      this.reset()
      for (const [namespace, topics] of Object.entries(live.subscriptions())) {
        for (const [topic, count] of Object.entries(topics)) this.set({ namespace, topic }, count)
      }
    },
  })
  new Gauge({
    name: 'waqtor_realtime_events_out_per_second',
    help: 'Events sent to clients per second, averaged over the last 10 s',
    registers,
    collect() {
      this.set(stats.eventsPerSecond())
    },
  })
  new Gauge({
    name: 'waqtor_realtime_bytes_out_per_second',
    help: 'Bytes of events sent to clients per second, averaged over the last 10 s',
    registers,
    collect() {
      this.set(stats.bytesPerSecond())
    },
  })
  return {
    eventsOut: new Counter({ name: 'waqtor_realtime_events_out_total', help: 'Events sent to clients (one per receiving socket)', labelNames: ['namespace'] as const, registers }),
    bytesOut: new Counter({ name: 'waqtor_realtime_bytes_out_total', help: 'Bytes of events sent to clients (encoded packet size per receiving socket)', labelNames: ['namespace'] as const, registers }),
    dropped: new Counter({ name: 'waqtor_realtime_dropped_events_total', help: 'Volatile events not sent to a client whose send buffer was over the soft bound', labelNames: ['namespace'] as const, registers }),
    backpressureDisconnects: new Counter({ name: 'waqtor_realtime_backpressure_disconnects_total', help: 'Clients disconnected because their send buffer reached the hard bound', labelNames: ['namespace'] as const, registers }),
    revokedDisconnects: new Counter({ name: 'waqtor_realtime_revoked_disconnects_total', help: 'Sockets closed because their login or API key was revoked, expired or disabled', labelNames: ['namespace'] as const, registers }),
    rejectedHandshakes: new Counter({ name: 'waqtor_realtime_rejected_handshakes_total', help: 'Refused socket.io handshakes by reason (error code)', labelNames: ['reason'] as const, registers }),
    rateLimited: new Counter({ name: 'waqtor_realtime_rate_limited_emits_total', help: 'Client emits dropped by the per-socket rate limit', labelNames: ['namespace'] as const, registers }),
  }
}
