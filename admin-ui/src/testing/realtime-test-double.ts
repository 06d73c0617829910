import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue'

/**
 * Stands in for `realtime/use-realtime.ts` in component tests: `vi.mock` that module with this one,
 * then deliver server events with {@link emitEvent}.
 */
type Handler = (payload: unknown) => void
const handlers = new Map<string, Set<Handler>>()

/** Every subscription the mounted components made, in order: `messages:shop`, `sessions:*`. */
export const subscribedTopics: string[] = []

export function useRealtimeEvent<T>(event: string, handler: (payload: T) => void): void {
  const set = handlers.get(event) ?? new Set<Handler>()
  handlers.set(event, set)
  set.add(handler as Handler)
  onScopeDispose(() => set.delete(handler as Handler))
}

/** Like the real one: follows the session it is given, and no session means every session. */
export function useTopic(topic: string, sessionId?: MaybeRefOrGetter<string | undefined>): void {
  watch(() => toValue(sessionId), (id) => subscribedTopics.push(`${topic}:${id ?? '*'}`), { immediate: true })
}

/** Delivers a server event to every component listening, as the socket would. */
export function emitEvent(event: string, payload: unknown): void {
  for (const handler of handlers.get(event) ?? []) handler(payload)
}

export function resetRealtime(): void {
  handlers.clear()
  subscribedTopics.length = 0
}
