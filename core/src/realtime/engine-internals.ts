/**
 * The two places where the realtime layer looks inside engine.io (6.6) rather than at its typed
 * API, kept together so an upgrade has one file to check.
 */

/**
 * Packets engine.io holds for a client because its transport is still busy with earlier ones: a
 * websocket stays busy until the previous batch was handed to the kernel, so this grows exactly
 * when the client (or its network) reads slower than we write. Always 0 for a healthy client.
 */
export function queuedPackets(conn: object): number {
  const buffer = (conn as { writeBuffer?: unknown }).writeBuffer
  return Array.isArray(buffer) ? buffer.length : 0
}

interface RawWebSocket {
  readyState: number
  terminate(): void
  once(event: 'close', listener: () => void): unknown
}

/** The `ws` socket under a websocket transport; undefined for long-polling. */
export function rawWebSocket(conn: object): RawWebSocket | undefined {
  const transport = (conn as { transport?: { name?: unknown; socket?: unknown } }).transport
  const socket = transport?.name === 'websocket' ? transport.socket : undefined
  if (typeof socket !== 'object' || socket === null) return undefined
  const candidate = socket as Partial<RawWebSocket>
  return typeof candidate.terminate === 'function' && typeof candidate.once === 'function' ? (socket as RawWebSocket) : undefined
}

/**
 * Drops a connection now, discarding what it has not read: a polite close would wait for the
 * buffer to drain, which is what a stalled client never does.
 */
export function dropConnection(conn: { close(discard?: boolean): unknown }): void {
  const socket = rawWebSocket(conn)
  conn.close(true)
  socket?.terminate()
}
