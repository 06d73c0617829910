import type { Disposer } from '../bus/bus-types.ts'
import type { EventBus } from '../bus/event-bus.ts'
import { publicPayload } from '../bus/public-payload.ts'
import { coreEventTopics, volatileCoreEvents } from './core-topics.ts'
import type { RealtimeNamespace } from './realtime-namespace.ts'

/**
 * One bus handler for every forwarded event: it looks up the event's topic and sends the payload,
 * reduced to the fields the event declares (never an interceptor's tags), under the bus event's
 * name, to that session's room (or the user's). Sending is
 * synchronous, so the handler returns at once and the bus keeps its per-chat order: the ACKs of a
 * message reach a client 1, 2, 3.
 */
export function forwardBusEvents(bus: EventBus, core: RealtimeNamespace): Disposer {
  return bus.onAny(
    (name, intercepted) => {
      const topic = coreEventTopics.get(name)
      if (!topic) return
      const payload = publicPayload(name, intercepted)
      const { sessionId, userId } = payload as { sessionId?: unknown; userId?: unknown }
      if (core.topics.get(topic)?.audience === 'user') {
        if (typeof userId === 'string') core.toUser(topic, userId, name, payload)
        return
      }
      if (typeof sessionId === 'string') core.toSession(topic, sessionId, name, payload, volatileCoreEvents.has(name))
    },
    // Filtering here spares the other events a handler call (and its ORM context).
    { id: 'core.realtime', owner: 'core', accepts: (name) => coreEventTopics.has(name) },
  )
}
