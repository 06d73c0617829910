import { io, type Socket } from 'socket.io-client'
import { ref } from 'vue'
import { notifyUnauthorized } from '../api/client.ts'

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'refused'

interface AckAnswer {
  ok: boolean
  error?: { code: string; message: string }
}

const refusedCodes = new Set(['UNAUTHORIZED', 'INVALID_CREDENTIALS'])

/** How long to wait before connecting again after a refused handshake... */
const retryDelayMs = 3000
/** ...and after the server closed the connection. */
const serverCloseDelayMs = 1000

// A change of this login under way (a new password): the server closes sockets of the old login
// before the answer carrying the new one arrives, so reconnecting waits for that answer.
let loginChange: Promise<unknown> | null = null

export interface RealtimeConnectionOptions {
  /**
   * Connect on first use (a listener, a subscription, a request) and disconnect when the last one
   * ends, unless `connect()` was called. Plugin namespaces are lazy; `/core` is connected by the
   * panel's layout while someone is signed in.
   */
  lazy?: boolean
}

/**
 * One socket.io connection per namespace (`/core`, `/plugins/<id>`), authenticated by the login
 * cookie. Subscriptions are counted, so two pages watching the same topic share one, and they are
 * made again after every reconnection.
 */
export class RealtimeConnection {
  readonly state = ref<ConnectionState>('offline')
  readonly lastError = ref<string | null>(null)
  private socket: Socket | null = null
  private readonly subscriptions = new Map<string, { topic: string; sessionId: string | undefined; count: number }>()
  private onRefused: (() => void) | undefined
  private listeners: Array<[string, (...args: unknown[]) => void]> = []
  /** Listeners, subscriptions and requests in progress: a lazy connection is open while any exist. */
  private uses = 0
  private connectedExplicitly = false

  constructor(
    private readonly namespace: string,
    private readonly options: RealtimeConnectionOptions = {},
  ) {}

  /** Connects and stays connected until `disconnect()`; `onRefused` hears a refused handshake. */
  connect(onRefused?: () => void): void {
    this.connectedExplicitly = true
    this.open(onRefused)
  }

  private open(onRefused?: () => void): void {
    this.onRefused = onRefused
    if (this.socket) return
    this.state.value = 'connecting'
    const socket = io(this.namespace, { withCredentials: true, transports: ['websocket', 'polling'] })
    this.socket = socket
    this.attachListeners()
    socket.on('connect', () => {
      this.state.value = 'online'
      this.lastError.value = null
      for (const { topic, sessionId } of this.subscriptions.values()) void this.emitSubscription('subscribe', topic, sessionId)
    })
    socket.on('disconnect', (reason) => {
      if (!this.socket || this.state.value === 'refused') return
      this.state.value = 'connecting'
      // Closed by the server (credentials checked again, a plugin stopped): socket.io-client does not
      // come back by itself. Connecting again settles it: a refused handshake sends the user to sign in.
      if (reason === 'io server disconnect') void this.reconnectLater(socket)
    })
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      this.lastError.value = error.message
      const code = error.data?.code
      if (code && refusedCodes.has(code)) {
        this.state.value = 'refused'
        this.onRefused?.()
        return
      }
      // socket.io-client does not retry a refused handshake by itself: try again shortly.
      if (!socket.active) setTimeout(() => this.socket === socket && socket.connect(), retryDelayMs)
    })
  }

  private async reconnectLater(socket: Socket): Promise<void> {
    if (loginChange) await loginChange.catch(() => undefined)
    else await new Promise((resolve) => setTimeout(resolve, serverCloseDelayMs))
    if (this.socket === socket && !socket.connected) socket.connect()
  }

  disconnect(): void {
    this.connectedExplicitly = false
    this.socket?.disconnect()
    this.socket = null
    this.state.value = 'offline'
  }

  /** A lazy connection opens on its first use; the returned function ends the use. */
  private use(): () => void {
    this.uses += 1
    // A refused handshake means the login ended, as a 401 from the API does.
    if (this.options.lazy && !this.socket) this.open(() => notifyUnauthorized(`/socket.io${this.namespace}`))
    let ended = false
    return () => {
      if (ended) return
      ended = true
      this.uses -= 1
      if (this.options.lazy && this.uses === 0 && !this.connectedExplicitly && this.socket) this.disconnect()
    }
  }

  /** Listens to an event; returns the function that stops listening. */
  on<T>(event: string, handler: (payload: T) => void): () => void {
    const listener = handler as (...args: unknown[]) => void
    // Before the listener is added: opening the socket attaches the listeners it already has.
    const endUse = this.use()
    this.listeners.push([event, listener])
    this.socket?.on(event, listener)
    return () => {
      this.listeners = this.listeners.filter((entry) => entry[1] !== listener)
      this.socket?.off(event, listener)
      endUse()
    }
  }

  /** Attaches listeners registered before the socket existed. */
  private attachListeners(): void {
    for (const [event, listener] of this.listeners) {
      this.socket?.off(event, listener)
      this.socket?.on(event, listener)
    }
  }

  /** Subscribes to a topic (for one session or all the caller may see); returns the unsubscribe. */
  subscribe(topic: string, sessionId?: string): () => void {
    const key = `${topic}:${sessionId ?? '*'}`
    const endUse = this.use()
    const existing = this.subscriptions.get(key)
    if (existing) existing.count += 1
    else {
      this.subscriptions.set(key, { topic, sessionId, count: 1 })
      if (this.socket?.connected) void this.emitSubscription('subscribe', topic, sessionId)
    }
    let active = true
    return () => {
      if (!active) return
      active = false
      const entry = this.subscriptions.get(key)
      if (entry) {
        entry.count -= 1
        if (entry.count === 0) {
          this.subscriptions.delete(key)
          if (this.socket?.connected) void this.emitSubscription('unsubscribe', topic, sessionId)
        }
      }
      endUse()
    }
  }

  /** Sends an event and resolves to the server's answer (socket.io sends it once connected). */
  async request<T>(event: string, payload: unknown): Promise<T> {
    const endUse = this.use()
    try {
      if (!this.socket) throw new Error('not connected')
      const answer = (await this.socket.timeout(10_000).emitWithAck(event, payload)) as AckAnswer & { data?: T }
      if (!answer.ok) throw new Error(answer.error?.message ?? 'refused')
      return answer.data as T
    } finally {
      endUse()
    }
  }

  private async emitSubscription(action: 'subscribe' | 'unsubscribe', topic: string, sessionId: string | undefined): Promise<void> {
    try {
      const answer = (await this.socket?.timeout(10_000).emitWithAck(action, { topics: [topic], ...(sessionId ? { sessionId } : {}) })) as AckAnswer | undefined
      if (answer && !answer.ok) this.lastError.value = answer.error?.message ?? `${action} refused`
    } catch {
      // Timed out: the next reconnection subscribes again.
    }
  }
}

const connections = new Map<string, RealtimeConnection>()

/**
 * The shared connection to a namespace: `/core`, or `/plugins/<id>` for a plugin's own, which
 * connects when a page first listens or subscribes to it and disconnects when the last one stops.
 */
export function realtime(namespace = '/core'): RealtimeConnection {
  let connection = connections.get(namespace)
  if (!connection) {
    connection = new RealtimeConnection(namespace, { lazy: namespace !== '/core' })
    connections.set(namespace, connection)
  }
  return connection
}

/**
 * Runs a change that ends this login and starts a new one (a password change): sockets the server
 * closes meanwhile connect again once it is done, with the new login's cookie.
 */
export async function whileLoginChanges<T>(change: Promise<T>): Promise<T> {
  loginChange = change
  try {
    return await change
  } finally {
    if (loginChange === change) loginChange = null
  }
}

export function disconnectAll(): void {
  for (const connection of connections.values()) connection.disconnect()
}
