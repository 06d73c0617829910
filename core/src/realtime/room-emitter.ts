import type { Logger } from '../logging/create-logger.ts'
import { dropConnection, queuedPackets } from './engine-internals.ts'
import type { RealtimeStats } from './realtime-stats.ts'
import type { RealtimeNamespaceIo, RealtimeSocket } from './realtime-types.ts'

export interface BufferBounds {
  /** Above this many queued packets a client misses volatile events. */
  softBufferedEvents: number
  /** At this many it is disconnected. */
  maxBufferedEvents: number
}

/**
 * Sends events to rooms of one namespace with backpressure: each recipient's queue is looked at
 * first, slow clients miss volatile events and stalled ones are cut off, so memory stays bounded
 * whatever a client does. The payload is encoded once by socket.io for all recipients; emitting
 * is synchronous, so a bus handler calling this never waits.
 */
export class RoomEmitter {
  private readonly prefixBytes: number

  constructor(
    private readonly io: RealtimeNamespaceIo,
    private readonly bounds: BufferBounds,
    private readonly stats: RealtimeStats,
    private readonly logger: Logger,
  ) {
    // An event packet is `2<namespace>,["event",payload]` inside an engine.io message (`4`).
    this.prefixBytes = 2 + (io.name === '/' ? 0 : Buffer.byteLength(io.name) + 1)
  }

  /** Sends `event` once to every socket in any of `rooms`; returns how many it reached. */
  toRooms(rooms: readonly string[], event: string, payload: object, volatile: boolean): number {
    const members = this.io.adapter.rooms
    const seen = rooms.length > 1 ? new Set<string>() : undefined
    const skipped: string[] = []
    const stalled: RealtimeSocket[] = []
    let recipients = 0
    for (const room of rooms) {
      for (const id of members.get(room) ?? []) {
        if (seen) {
          if (seen.has(id)) continue
          seen.add(id)
        }
        const socket = this.io.sockets.get(id)
        if (!socket) continue
        const verdict = this.verdict(socket, volatile)
        if (verdict === 'send') recipients++
        else skipped.push(id)
        if (verdict === 'cut') stalled.push(socket)
      }
    }
    if (recipients > 0) {
      const target = skipped.length > 0 ? this.io.to([...rooms]).except(skipped) : this.io.to([...rooms])
      target.emit(event, payload)
      this.stats.delivered(this.io.name, recipients, this.packetBytes(event, payload))
    }
    this.stats.dropped(this.io.name, skipped.length - stalled.length)
    for (const socket of stalled) this.cut(socket)
    return recipients
  }

  /** Sends `event` to one socket under the same bounds; false when it was dropped. */
  toSocket(socket: RealtimeSocket, event: string, payload: object, volatile: boolean): boolean {
    const verdict = this.verdict(socket, volatile)
    if (verdict === 'send') {
      socket.emit(event, payload)
      this.stats.delivered(this.io.name, 1, this.packetBytes(event, payload))
      return true
    }
    if (verdict === 'cut') this.cut(socket)
    else this.stats.dropped(this.io.name, 1)
    return false
  }

  private verdict(socket: RealtimeSocket, volatile: boolean): 'send' | 'drop' | 'cut' {
    const queued = queuedPackets(socket.conn)
    if (queued >= this.bounds.maxBufferedEvents) return 'cut'
    if (volatile && queued > this.bounds.softBufferedEvents) return 'drop'
    return 'send'
  }

  private cut(socket: RealtimeSocket): void {
    if (!socket.connected) return
    this.stats.disconnectedForBackpressure(this.io.name)
    this.logger.warn(
      { socketId: socket.id, namespace: this.io.name, queued: queuedPackets(socket.conn), principal: socket.data.principal?.id },
      'realtime client disconnected: it stopped reading and its send buffer reached the hard bound',
    )
    dropConnection(socket.conn)
  }

  private packetBytes(event: string, payload: object): number {
    return this.prefixBytes + Buffer.byteLength(JSON.stringify([event, payload]))
  }
}
