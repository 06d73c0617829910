import type { DefaultEventsMap, Namespace, Server, Socket } from 'socket.io'
import type { Principal } from '../auth/principal.ts'

/** What the handshake leaves on every accepted socket. */
export interface RealtimeSocketData {
  principal: Principal
}

export type RealtimeServerIo = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>
export type RealtimeNamespaceIo = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>
export type RealtimeSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>

/** The answer a client's ack callback receives. */
export type AckResult = { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } }

export type AckCallback = (result: AckResult) => void
