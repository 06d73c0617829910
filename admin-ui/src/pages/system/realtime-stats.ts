/** `GET /api/realtime/stats` (core/src/realtime/realtime-stats.ts). Totals count since the server started. */
export interface RealtimeStatsSnapshot {
  connections: Record<string, number>
  subscriptions: Record<string, Record<string, number>>
  /** The window of the server's own per-second averages. */
  windowSeconds: number
  eventsOutPerSecond: number
  bytesOutPerSecond: number
  eventsOut: number
  bytesOut: number
  droppedEvents: number
  backpressureDisconnects: number
  /** Sockets closed because their login ended or their API key was revoked. */
  revokedDisconnects: number
  rejectedHandshakes: Record<string, number>
  rateLimitedEmits: number
}

/** A snapshot and when the panel received it. */
export interface RealtimeSample {
  at: number
  stats: RealtimeStatsSnapshot
}

/** What changed between two samples: per-second rates and new counts. */
export interface RealtimeRates {
  seconds: number
  eventsPerSecond: number
  bytesPerSecond: number
  droppedPerSecond: number
  newDropped: number
  newBackpressureDisconnects: number
  newRevokedDisconnects: number
  newRateLimited: number
  newRejectedHandshakes: number
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0)
}

export function totalConnections(stats: RealtimeStatsSnapshot): number {
  return total(stats.connections)
}

export function totalRejectedHandshakes(stats: RealtimeStatsSnapshot): number {
  return total(stats.rejectedHandshakes)
}

/**
 * Rates between two samples, or null when they cannot be compared: the totals went down (the
 * server restarted), or too long passed between them (the page was hidden or paused, so an
 * average over that gap would not be a rate of "now").
 */
export function ratesBetween(previous: RealtimeSample, next: RealtimeSample, maxGapMs: number): RealtimeRates | null {
  const elapsedMs = next.at - previous.at
  if (elapsedMs <= 0 || elapsedMs > maxGapMs) return null
  const before = previous.stats
  const after = next.stats
  const delta = {
    events: after.eventsOut - before.eventsOut,
    bytes: after.bytesOut - before.bytesOut,
    dropped: after.droppedEvents - before.droppedEvents,
    backpressure: after.backpressureDisconnects - before.backpressureDisconnects,
    revoked: after.revokedDisconnects - before.revokedDisconnects,
    rateLimited: after.rateLimitedEmits - before.rateLimitedEmits,
    handshakes: totalRejectedHandshakes(after) - totalRejectedHandshakes(before),
  }
  if (Object.values(delta).some((value) => value < 0)) return null
  const seconds = elapsedMs / 1000
  return {
    seconds,
    eventsPerSecond: delta.events / seconds,
    bytesPerSecond: delta.bytes / seconds,
    droppedPerSecond: delta.dropped / seconds,
    newDropped: delta.dropped,
    newBackpressureDisconnects: delta.backpressure,
    newRevokedDisconnects: delta.revoked,
    newRateLimited: delta.rateLimited,
    newRejectedHandshakes: delta.handshakes,
  }
}

/** Topics and their subscribers, one row per namespace and topic. */
export function subscriptionRows(stats: RealtimeStatsSnapshot): { namespace: string; topic: string; count: number }[] {
  return Object.entries(stats.subscriptions)
    .flatMap(([namespace, topics]) => Object.entries(topics).map(([topic, count]) => ({ namespace, topic, count })))
    .sort((a, b) => b.count - a.count || a.namespace.localeCompare(b.namespace) || a.topic.localeCompare(b.topic))
}
