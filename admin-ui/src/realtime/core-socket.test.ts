import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** A stand-in for socket.io-client's socket: records connect() calls and lets the test fire events. */
class FakeSocket {
  connected = false
  active = true
  connects = 0
  private readonly handlers = new Map<string, Array<(...args: unknown[]) => void>>()

  on(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
    return this
  }

  off(): this {
    return this
  }

  connect(): this {
    this.connects += 1
    return this
  }

  disconnect(): this {
    this.connected = false
    return this
  }

  fire(event: string, ...args: unknown[]): void {
    if (event === 'connect') this.connected = true
    if (event === 'disconnect') this.connected = false
    for (const handler of this.handlers.get(event) ?? []) handler(...args)
  }
}

const sockets: FakeSocket[] = []
vi.mock('socket.io-client', () => ({
  io: () => {
    const socket = new FakeSocket()
    sockets.push(socket)
    return socket
  },
}))

const { RealtimeConnection, whileLoginChanges } = await import('./core-socket.ts')

describe('RealtimeConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    sockets.length = 0
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function connected() {
    const connection = new RealtimeConnection('/core')
    const refused = vi.fn()
    connection.connect(refused)
    const socket = sockets[0]!
    socket.fire('connect')
    return { connection, socket, refused }
  }

  it('connects again shortly after the server closed the connection (its credentials are checked on the way in)', async () => {
    const { connection, socket } = connected()
    socket.fire('disconnect', 'io server disconnect')
    expect(connection.state.value).toBe('connecting')
    expect(socket.connects).toBe(0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(socket.connects).toBe(1)
  })

  it('leaves reconnecting to socket.io after a network drop', async () => {
    const { socket } = connected()
    socket.fire('disconnect', 'transport close')
    await vi.advanceTimersByTimeAsync(5000)
    expect(socket.connects).toBe(0)
  })

  it('waits for a login change under way before connecting again, so it uses the new login', async () => {
    const { socket } = connected()
    let finish: (value: string) => void = () => undefined
    const change = whileLoginChanges(new Promise<string>((resolve) => (finish = resolve)))

    socket.fire('disconnect', 'io server disconnect')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(socket.connects).toBe(0)

    finish('new login')
    expect(await change).toBe('new login')
    await vi.advanceTimersByTimeAsync(0)
    expect(socket.connects).toBe(1)
  })

  it('gives up and reports a refused handshake instead of retrying it', async () => {
    const { connection, socket, refused } = connected()
    socket.fire('disconnect', 'io server disconnect')
    await vi.advanceTimersByTimeAsync(1000)
    socket.active = false
    socket.fire('connect_error', Object.assign(new Error('The token or API key is invalid, expired or revoked'), { data: { code: 'INVALID_CREDENTIALS' } }))
    expect(connection.state.value).toBe('refused')
    expect(refused).toHaveBeenCalledOnce()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(socket.connects).toBe(1)
  })
})
