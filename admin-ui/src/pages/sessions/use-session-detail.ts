import { computed, onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { api } from '../../api/client.ts'
import type { SessionDetail } from '../../api/types.ts'
import { useAsyncData } from '../../composables/use-async-data.ts'
import { useRealtimeEvent, useTopic } from '../../realtime/use-realtime.ts'
import { useLiveSessions } from '../../stores/sessions-store.ts'

/** A status change brings new figures (uptime, reconnects): read them shortly after. */
const statusRefreshMs = 400
/** Message counts follow the traffic, at most this often on a busy session. */
const trafficRefreshMs = 3000
/** A browser's memory changes without any event: read it this often. */
const browserPollMs = 30_000

/**
 * One session's health and message figures, kept live: its status from the sessions store, its
 * counts read again after its status changes and as its messages flow.
 */
export function useSessionDetail(clientId: MaybeRefOrGetter<string>) {
  const id = () => toValue(clientId)
  const sessions = useLiveSessions()
  const detail = useAsyncData((signal) => api.get<SessionDetail>(`sessions/${encodeURIComponent(id())}`, undefined, signal), { immediate: false })
  let statusTimer: ReturnType<typeof setTimeout> | undefined
  let trafficTimer: ReturnType<typeof setTimeout> | undefined

  watch(id, () => void detail.reload(), { immediate: true })

  const live = computed(() => sessions.find(id()))
  /** The figures of the last read, with the status the socket brought since. */
  const session = computed<SessionDetail | undefined>(() => {
    const base = detail.data.value
    if (!base || base.clientId !== id()) return undefined
    return live.value ? { ...base, ...live.value, stats: base.stats } : base
  })
  /** The list no longer has it: deleted (here or elsewhere) or no longer shared with this user. */
  const gone = computed(() => !!session.value && sessions.loaded && !sessions.loading && !live.value)

  function refreshAfter(delay: number, timer: 'status' | 'traffic'): void {
    if (timer === 'status') {
      clearTimeout(statusTimer)
      statusTimer = setTimeout(() => void detail.reload(), delay)
    } else if (trafficTimer === undefined) {
      trafficTimer = setTimeout(() => {
        trafficTimer = undefined
        void detail.reload()
      }, delay)
    }
  }

  watch(
    () => (live.value ? [live.value.status, live.value.readyAt, live.value.reconnects, live.value.nextRetryAt, live.value.phone].join('|') : null),
    (now, before) => {
      if (now !== null && before !== null && before !== undefined && now !== before) refreshAfter(statusRefreshMs, 'status')
    },
  )

  useTopic('messages', id)
  const onTraffic = ({ sessionId }: { sessionId: string }) => {
    if (sessionId === id()) refreshAfter(trafficRefreshMs, 'traffic')
  }
  useRealtimeEvent('message.sent', onTraffic)
  useRealtimeEvent('message.received', onTraffic)
  useRealtimeEvent<{ sessionId: string; ack: number }>('message.ack', (event) => {
    if (event.ack === -1) onTraffic(event)
  })

  const poll = setInterval(() => {
    if (session.value?.driver === 'whatsapp-web' && !document.hidden) void detail.reload()
  }, browserPollMs)

  onScopeDispose(() => {
    clearTimeout(statusTimer)
    clearTimeout(trafficTimer)
    clearInterval(poll)
  })

  return { session, live, gone, loading: detail.loading, error: detail.error, reload: detail.reload }
}
