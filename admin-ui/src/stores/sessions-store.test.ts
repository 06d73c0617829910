import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { emitEvent, resetRealtime, subscribedTopics } from '../testing/realtime-test-double.ts'
import { sessionRow } from '../pages/sessions/session-fixtures.ts'
import { fakeApi, flushPromises } from '../testing/mount-page.ts'
import { useLiveSessions, useSessionsStore } from './sessions-store.ts'

vi.mock('../realtime/use-realtime.ts', async () => await import('../testing/realtime-test-double.ts'))

afterEach(resetRealtime)

describe('useSessionsStore', () => {
  it('groups the sessions by status and keeps the groups live', async () => {
    setActivePinia(createPinia())
    fakeApi([{ path: '/api/sessions/list', body: { items: [sessionRow({ clientId: 'a' }), sessionRow({ clientId: 'b', status: 'qr' }), sessionRow({ clientId: 'c' })] } }])
    const scope = effectScope()
    const store = scope.run(() => useLiveSessions())!
    await flushPromises()

    expect(subscribedTopics).toEqual(['sessions:*'])
    expect(store.byStatus.ready.map((session) => session.clientId)).toEqual(['a', 'c'])
    expect(store.byStatus.qr.map((session) => session.clientId)).toEqual(['b'])
    expect(store.byStatus.failed).toEqual([])

    emitEvent('session.ready', { sessionId: 'b', phone: '15550001111' })
    emitEvent('session.status', { sessionId: 'c', status: 'failed', previous: 'disconnected', error: 'gave up' })
    expect(store.byStatus.ready.map((session) => session.clientId)).toEqual(['a', 'b'])
    expect(store.find('b')?.phone).toBe('15550001111')
    expect(store.byStatus.failed.map((session) => [session.clientId, session.lastError])).toEqual([['c', 'gave up']])
    scope.stop()
  })

  it('is one list for every page that uses it', () => {
    setActivePinia(createPinia())
    const first = useSessionsStore()
    first.upsert(sessionRow({ clientId: 'z' }))
    first.upsert(sessionRow({ clientId: 'm' }))
    expect(useSessionsStore().items.map((session) => session.clientId)).toEqual(['m', 'z'])
  })
})
