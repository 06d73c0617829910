import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { api } from '../api/client.ts'
import type { Session, SessionStatus } from '../api/types.ts'
import { realtime } from '../realtime/core-socket.ts'
import { useRealtimeEvent, useTopic } from '../realtime/use-realtime.ts'

/** Every status a session can be in, in its life's order. */
export const sessionStatuses: readonly SessionStatus[] = ['starting', 'qr', 'authenticated', 'ready', 'disconnected', 'failed', 'stopped']

interface StatusEvent {
  sessionId: string
  status: SessionStatus
  error: string | null
}

/** How long to gather bursts of events (a restart is three or four) before reading the list again. */
const refreshDelayMs = 400

/**
 * The sessions the signed-in user may see, patched live from the realtime `sessions` topic. Pages
 * call {@link useLiveSessions}, which keeps the topic subscribed while they are shown.
 */
export const useSessionsStore = defineStore('sessions', () => {
  const items = ref<Session[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = shallowRef<Error | null>(null)
  let generation = 0
  let refreshTimer: ReturnType<typeof setTimeout> | undefined

  async function load(): Promise<void> {
    const current = ++generation
    loading.value = true
    error.value = null
    try {
      const answer = await api.get<{ items: Session[] }>('sessions/list')
      if (current !== generation) return
      items.value = answer.items
      loaded.value = true
    } catch (caught) {
      if (current === generation) error.value = caught instanceof Error ? caught : new Error(String(caught))
    } finally {
      if (current === generation) loading.value = false
    }
  }

  /**
   * Events carry the status, not the figures that go with it (readyAt, reconnects, next retry):
   * after a burst of them the list is read again, once.
   */
  function refreshSoon(): void {
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => void load(), refreshDelayMs)
  }

  const byStatus = computed(() => {
    const groups = Object.fromEntries(sessionStatuses.map((status) => [status, [] as Session[]])) as Record<SessionStatus, Session[]>
    for (const session of items.value) groups[session.status]?.push(session)
    return groups
  })

  function find(clientId: string | undefined): Session | undefined {
    return clientId ? items.value.find((session) => session.clientId === clientId) : undefined
  }

  /** Puts a session the API answered (create, restart, scan…) in the list, in clientId order. */
  function upsert(session: Session): void {
    const { stats: _stats, ...row } = session as Session & { stats?: unknown }
    const index = items.value.findIndex((item) => item.clientId === row.clientId)
    if (index >= 0) items.value[index] = row
    else items.value = [...items.value, row].sort((a, b) => a.clientId.localeCompare(b.clientId))
  }

  function remove(clientId: string): void {
    items.value = items.value.filter((session) => session.clientId !== clientId)
  }

  function patch(clientId: string, changes: Partial<Session>): void {
    const session = find(clientId)
    if (session) Object.assign(session, changes)
  }

  useRealtimeEvent<StatusEvent>('session.status', ({ sessionId, status, error: lastError }) => {
    patch(sessionId, { status, lastError, qrPending: status === 'qr' })
    refreshSoon()
  })
  useRealtimeEvent<{ sessionId: string }>('session.qr', ({ sessionId }) => patch(sessionId, { status: 'qr', qrPending: true }))
  useRealtimeEvent<{ sessionId: string; phone: string | null }>('session.ready', ({ sessionId, phone }) => {
    const session = find(sessionId)
    if (session) Object.assign(session, { status: 'ready', qrPending: false, phone: phone ?? session.phone })
    refreshSoon()
  })
  useRealtimeEvent<{ sessionId: string; reason: string }>('session.disconnected', ({ sessionId, reason }) => {
    patch(sessionId, { status: 'disconnected', lastError: reason })
    refreshSoon()
  })
  useRealtimeEvent<{ sessionId: string; name: string; driver: Session['driver'] }>('session.created', ({ sessionId, name, driver }) => {
    // Shown at once as starting; the list read just after brings its full row.
    if (!find(sessionId)) {
      upsert({
        clientId: sessionId, name, driver, status: 'starting', desiredState: 'running', phone: null, lastError: null, createdAt: new Date().toISOString(),
        startedAt: null, readyAt: null, uptimeSeconds: null, reconnects: 0, nextRetryAt: null, qrPending: false, governor: null,
      })
    }
    refreshSoon()
  })
  useRealtimeEvent<{ sessionId: string }>('session.deleted', ({ sessionId }) => remove(sessionId))

  return { items, loaded, loading, error, byStatus, load, find, upsert, remove, patch }
})

/**
 * The live sessions store for a page: subscribes to the `sessions` topic while the calling
 * component lives, reads the list (events missed while no page watched would leave it stale), and
 * reads it again after a reconnection for the same reason.
 */
export function useLiveSessions() {
  const store = useSessionsStore()
  useTopic('sessions')
  void store.load()
  const connection = realtime('/core')
  watch(connection.state, (state, before) => {
    if (state === 'online' && before !== 'online') void store.load()
  })
  return store
}
