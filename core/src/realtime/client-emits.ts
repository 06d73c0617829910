import type { Logger } from '../logging/create-logger.ts'
import { ackForError, RealtimeError, refusal } from './realtime-errors.ts'
import type { AckCallback, AckResult, RealtimeSocket } from './realtime-types.ts'
import type { TokenBuckets } from './token-bucket.ts'

/** Answers one client emit; its resolved value becomes `{ ok: true, data }`, a throw a coded refusal. */
export type ClientEmitHandler = (socket: RealtimeSocket, payload: unknown) => unknown

export interface ClientEmitRouting {
  handler(event: string): ClientEmitHandler | undefined
  limits: TokenBuckets
  describeLimit: string
  rateLimited(): void
  logger: Logger
}

/**
 * Takes every emit of a socket through one door: the rate limit first (over it, the emit is dropped
 * and its ack says RATE_LIMITED), then the handler registered for the event name. A socket's emits
 * are handled one after the other, so `subscribe` then `unsubscribe` cannot overtake each other.
 */
export function routeClientEmits(socket: RealtimeSocket, routing: ClientEmitRouting): void {
  let previous: Promise<void> = Promise.resolve()
  socket.onAny((event: string, ...args: unknown[]) => {
    const last = args.at(-1)
    const ack = typeof last === 'function' ? (last as AckCallback) : undefined
    const payload = args[0] === last && ack ? undefined : args[0]
    if (!routing.limits.take(socket.id)) {
      routing.rateLimited()
      ack?.(refusal('RATE_LIMITED', `Too many emits: at most ${routing.describeLimit}; this one was dropped`))
      return
    }
    previous = previous
      .then(async () => {
        const result = await answer(socket, event, payload, routing)
        if (socket.connected) ack?.(result)
      })
      .catch((error: unknown) => routing.logger.error({ err: error, event, socketId: socket.id }, 'realtime ack failed'))
  })
  socket.on('disconnect', () => routing.limits.forget(socket.id))
}

async function answer(socket: RealtimeSocket, event: string, payload: unknown, routing: ClientEmitRouting): Promise<AckResult> {
  const handler = routing.handler(event)
  if (!handler) return refusal('UNKNOWN_EVENT', `Nothing answers "${event}" here`)
  try {
    const data = await handler(socket, payload)
    return data === undefined ? { ok: true } : { ok: true, data }
  } catch (error) {
    const result = ackForError(error)
    if (!result.ok && result.error.code === 'INTERNAL_ERROR') {
      routing.logger.error({ err: error, event, socketId: socket.id }, 'realtime handler failed')
    } else if (!(error instanceof RealtimeError)) {
      routing.logger.debug({ err: error, event, socketId: socket.id }, 'realtime request refused')
    }
    return result
  }
}
