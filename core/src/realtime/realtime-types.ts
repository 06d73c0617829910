import type { DefaultEventsMap, Namespace, Server, Socket } from 'socket.io'
import type { HashedCredential } from '../auth/credential-batch.ts'
import type { Principal } from '../auth/principal.ts'

/**
 * How a socket signed in, to check it again later: the hash of its login token or API key, never
 * the secret itself (socket data may travel between nodes).
 */
export type SocketCredential = HashedCredential

/** What the handshake leaves on every accepted socket. */
export interface RealtimeSocketData {
  principal: Principal
  credential: SocketCredential
}

export type RealtimeServerIo = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>
export type RealtimeNamespaceIo = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>
export type RealtimeSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>

/** The answer a client's ack callback receives. */
export type AckResult = { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } }

export type AckCallback = (result: AckResult) => void
