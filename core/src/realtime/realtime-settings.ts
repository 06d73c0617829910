import type { WaqtorConfig } from '../config/config-schema.ts'

/** The realtime layer's share of the configuration (see docs/realtime.md). */
export interface RealtimeSettings {
  /** Browser origins allowed to connect; empty: same origin only. `*` allows any. */
  origins: readonly string[]
  /** Required HMAC signature of the handshake when set. */
  hmacSecret: string | undefined
  hmacWindowSeconds: number
  emitsPerSecond: number
  emitsBurst: number
  maxPayloadBytes: number
  deflate: boolean
  pingIntervalMs: number
  pingTimeoutMs: number
  /** Above this many packets queued for a client, volatile events to it are dropped. */
  softBufferedEvents: number
  /** At this many packets queued for a client, it is disconnected. */
  maxBufferedEvents: number
  trustProxy: boolean
  /** How often open sockets' credentials are checked again (a change made through this node is checked at once). */
  credentialRecheckMs: number
}

export function realtimeSettings(config: WaqtorConfig): RealtimeSettings {
  return {
    origins: config.realtimeOrigins,
    hmacSecret: config.realtimeHmacSecret,
    hmacWindowSeconds: config.realtimeHmacWindowSeconds,
    emitsPerSecond: config.realtimeEmitsPerSecond,
    emitsBurst: config.realtimeEmitsBurst,
    maxPayloadBytes: config.realtimeMaxPayloadBytes,
    deflate: config.realtimeDeflate,
    pingIntervalMs: config.realtimePingIntervalMs,
    pingTimeoutMs: config.realtimePingTimeoutMs,
    // A soft bound above the hard one would never apply: clamp rather than refuse to start.
    softBufferedEvents: Math.min(config.realtimeSoftBufferedEvents, config.realtimeMaxBufferedEvents - 1),
    maxBufferedEvents: config.realtimeMaxBufferedEvents,
    trustProxy: config.trustProxy,
    credentialRecheckMs: config.realtimeCredentialRecheckSeconds * 1000,
  }
}
