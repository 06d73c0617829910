import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { realtime } from './core-socket.ts'

/** Calls `handler` for every `event` on a namespace while the calling component lives. */
export function useRealtimeEvent<T>(event: string, handler: (payload: T) => void, namespace = '/core'): void {
  const stop = realtime(namespace).on<T>(event, handler)
  onScopeDispose(stop)
}

/**
 * Keeps a topic subscribed while the calling component lives: for one session (a ref may change
 * it) or, with no session, for every session the user may see.
 */
export function useTopic(topic: string, sessionId?: MaybeRefOrGetter<string | undefined>, namespace = '/core'): void {
  let unsubscribe: (() => void) | undefined
  watch(
    () => toValue(sessionId),
    (id) => {
      unsubscribe?.()
      unsubscribe = realtime(namespace).subscribe(topic, id)
    },
    { immediate: true },
  )
  onScopeDispose(() => unsubscribe?.())
}
