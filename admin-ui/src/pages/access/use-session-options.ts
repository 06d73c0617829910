import { computed } from 'vue'
import { api } from '../../api/client.ts'
import type { Session } from '../../api/types.ts'
import { useAsyncData } from '../../composables/use-async-data.ts'

export interface SessionOption {
  value: string
  label: string
}

/** The sessions that may be granted (GET /api/sessions/list), as choices and as names by id. */
export function useSessionOptions() {
  const sessions = useAsyncData((signal) => api.get<{ items: Session[] }>('sessions/list', undefined, signal))
  const options = computed<SessionOption[]>(() =>
    (sessions.data.value?.items ?? []).map((session) => ({ value: session.clientId, label: session.name && session.name !== session.clientId ? `${session.name} (${session.clientId})` : session.clientId })),
  )
  const names = computed(() => new Map((sessions.data.value?.items ?? []).map((session) => [session.clientId, session.name || session.clientId])))
  return { options, names, loading: sessions.loading, error: sessions.error, reload: sessions.reload }
}

export type SessionOptions = ReturnType<typeof useSessionOptions>
