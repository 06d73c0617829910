import { io, type Socket } from 'socket.io-client'

export interface ConnectOptions {
  namespace?: string
  /** `auth` of the handshake; `{ token }` unless given. */
  auth?: Record<string, unknown>
  token?: string
  headers?: Record<string, string>
}

export interface Refusal {
  message: string
  code: string | undefined
}

export interface Received {
  event: string
  payload: Record<string, unknown>
}

/** socket.io clients of one test, all closed by `closeAll()` (call it in afterEach). */
export class RealtimeClients {
  private readonly sockets: Socket[] = []

  constructor(private readonly url: () => string) {}

  /** A websocket client that does not reconnect, so a refusal is final. */
  open(options: ConnectOptions = {}): Socket {
    const socket = io(`${this.url()}${options.namespace ?? '/core'}`, {
      auth: options.auth ?? (options.token === undefined ? {} : { token: options.token }),
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: options.headers,
    })
    this.sockets.push(socket)
    return socket
  }

  /** Opens a client and waits until the server accepted it. */
  async connect(options: ConnectOptions = {}): Promise<Socket> {
    const socket = this.open(options)
    const outcome = await settle(socket)
    if ('refused' in outcome) throw new Error(`connection refused: ${outcome.refused.code} ${outcome.refused.message}`)
    return socket
  }

  /** Opens a client and returns why the server refused it. */
  async refusal(options: ConnectOptions = {}): Promise<Refusal> {
    const outcome = await settle(this.open(options))
    if (!('refused' in outcome)) throw new Error('the connection was accepted')
    return outcome.refused
  }

  closeAll(): void {
    for (const socket of this.sockets.splice(0)) socket.disconnect()
  }
}

function settle(socket: Socket): Promise<{ connected: true } | { refused: Refusal }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }))
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve({ refused: { message: error.message, code: error.data?.code } }))
  })
}

/** Every event the socket receives from now on, in order. */
export function record(socket: Socket): Received[] {
  const received: Received[] = []
  socket.onAny((event: string, payload: Record<string, unknown>) => received.push({ event, payload }))
  return received
}

export type Ack = { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } }

export function request(socket: Socket, event: string, payload: unknown): Promise<Ack> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack>
}

/** Polls until `condition` holds; fails naming `what` after the deadline. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Stops reading from the socket's TCP connection, like a client on a stalled network; returns how to resume. */
export function stopReading(socket: Socket): () => void {
  const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void; resume(): void } } }
  const tcp = transport.ws?._socket
  if (!tcp) throw new Error('not a websocket client')
  tcp.pause()
  return () => tcp.resume()
}
