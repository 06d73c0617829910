import type { Logger } from '../logging/create-logger.ts'
import { routeClientEmits, type ClientEmitHandler } from './client-emits.ts'
import { allSessions, topicRoom, type TopicDefinition } from './core-topics.ts'
import type { RealtimeSettings } from './realtime-settings.ts'
import type { RealtimeStats } from './realtime-stats.ts'
import type { RealtimeNamespaceIo, RealtimeSocket } from './realtime-types.ts'
import { RoomEmitter } from './room-emitter.ts'
import { subscribe, unsubscribe } from './subscriptions.ts'
import type { TokenBuckets } from './token-bucket.ts'

export interface NamespaceServices {
  settings: RealtimeSettings
  stats: RealtimeStats
  limits: TokenBuckets
  sessionExists(sessionId: string): Promise<boolean>
  logger: Logger
}

/** Names a client may not take over: socket.io's own and the subscription protocol. */
export const reservedEvents: ReadonlySet<string> = new Set([
  'subscribe', 'unsubscribe', 'connect', 'connect_error', 'connection', 'disconnect', 'disconnecting', 'error', 'newListener', 'removeListener',
])

/**
 * One socket.io namespace with topics: `/core`, or a plugin's `/plugins/<id>`. Authentication is
 * the server's handshake middleware; this adds subscriptions, emit handlers and sending to topics.
 */
export class RealtimeNamespace {
  readonly topics = new Map<string, TopicDefinition>()
  readonly emitter: RoomEmitter
  private readonly handlers = new Map<string, ClientEmitHandler>()
  private readonly connectionListeners = new Set<(socket: RealtimeSocket) => void>()

  constructor(
    readonly io: RealtimeNamespaceIo,
    private readonly services: NamespaceServices,
  ) {
    this.emitter = new RoomEmitter(io, services.settings, services.stats, services.logger)
    const scope = { topics: this.topics, sessionExists: services.sessionExists }
    this.handlers.set('subscribe', (socket, payload) => subscribe(socket, payload, scope))
    this.handlers.set('unsubscribe', (socket, payload) => unsubscribe(socket, payload, scope))
    io.on('connection', (socket) => this.accept(socket))
  }

  get name(): string {
    return this.io.name
  }

  addTopic(topic: TopicDefinition): void {
    this.topics.set(topic.name, topic)
  }

  /** Registers the answer to a client emit; returns its disposer. */
  handle(event: string, handler: ClientEmitHandler): () => void {
    this.handlers.set(event, handler)
    return () => {
      if (this.handlers.get(event) === handler) this.handlers.delete(event)
    }
  }

  onConnection(listener: (socket: RealtimeSocket) => void): () => void {
    this.connectionListeners.add(listener)
    return () => this.connectionListeners.delete(listener)
  }

  /** To the subscribers of `topic` for this session, including those of all sessions. */
  toSession(topic: string, sessionId: string, event: string, payload: object, volatile: boolean): number {
    return this.emitter.toRooms([topicRoom(topic, sessionId), topicRoom(topic, allSessions)], event, payload, volatile)
  }

  toUser(topic: string, userId: string, event: string, payload: object): number {
    return this.emitter.toRooms([topicRoom(topic, userId)], event, payload, false)
  }

  /** Sockets subscribed to each topic (a socket counts once per topic, however many sessions). */
  subscriptionCounts(): Record<string, number> {
    const sockets = new Map<string, Set<string>>()
    for (const [room, members] of this.io.adapter.rooms) {
      const colon = room.indexOf(':')
      if (colon <= 0) continue
      const topic = room.slice(0, colon)
      if (!this.topics.has(topic)) continue
      const set = sockets.get(topic) ?? new Set<string>()
      for (const id of members) set.add(id)
      sockets.set(topic, set)
    }
    const counts: Record<string, number> = {}
    for (const topic of this.topics.keys()) counts[topic] = sockets.get(topic)?.size ?? 0
    return counts
  }

  /**
   * Disconnects every client from this namespace and forgets handlers (a stopped plugin's). The
   * connections stay open: a client multiplexes namespaces over one, and keeps its `/core` socket.
   */
  close(): void {
    this.handlers.clear()
    this.connectionListeners.clear()
    this.io.disconnectSockets(false)
  }

  private accept(socket: RealtimeSocket): void {
    const { settings, stats, limits, logger } = this.services
    routeClientEmits(socket, {
      handler: (event) => this.handlers.get(event),
      limits,
      describeLimit: `${settings.emitsPerSecond} a second (bursts of ${settings.emitsBurst})`,
      rateLimited: () => stats.rateLimited(this.io.name),
      logger,
    })
    for (const listener of this.connectionListeners) {
      try {
        listener(socket)
      } catch (error) {
        logger.error({ err: error, namespace: this.io.name, socketId: socket.id }, 'realtime connection handler failed')
      }
    }
  }
}
