/** Messages between the benchmark (parent) and its client fleet (child process). */

export type SubscriptionMode = 'topics' | 'everything'

export interface FleetStart {
  type: 'start'
  url: string
  token: string
  clients: number
  sessions: string[]
  mode: SubscriptionMode
}

/** What the bus carried for the `messages` topic: how many events per session, and when each was emitted. */
export interface FleetExpect {
  type: 'expect'
  perSession: Record<string, number>
  /** eventKey() -> when the bus handed the event to its handlers (the realtime forwarder among them). */
  emittedAt: Record<string, number>
}

export interface ClientFigures {
  events: number
  bytes: number
}

export interface FleetResult {
  type: 'result'
  clients: ClientFigures[]
  /** ms from the HTTP send to arrival at a client, for message.sent and message.received events. */
  endToEnd: number[]
  /** ms from the bus event to arrival at a client, for every event: the realtime layer's own delay. */
  delivery: number[]
  /** Clients that did not receive every event they were owed before the deadline. */
  incomplete: number
}

export type ToFleet = FleetStart | FleetExpect | { type: 'close' }
export type FromFleet = { type: 'ready' } | FleetResult

/** Identifies one event of the `messages` topic on both sides of the benchmark. */
export function eventKey(event: string, payload: { sessionId?: unknown; messageId?: unknown; ack?: unknown }): string {
  return `${event}|${String(payload.sessionId)}|${String(payload.messageId)}|${String(payload.ack ?? '')}`
}

/** The body of each benchmark message: when it was sent, to correlate with its arrival. */
export function benchBody(sentAt: number, sequence: number): string {
  return `bench:${sentAt.toFixed(3)}:${sequence}`
}

export function sentAtOf(body: unknown): number | undefined {
  if (typeof body !== 'string' || !body.startsWith('bench:')) return undefined
  return Number(body.split(':')[1])
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now()
}
