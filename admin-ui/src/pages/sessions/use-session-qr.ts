import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { ApiError } from '../../api/api-error.ts'
import { api } from '../../api/client.ts'
import type { SessionStatus } from '../../api/types.ts'
import { useRealtimeEvent } from '../../realtime/use-realtime.ts'

interface QrAnswer {
  clientId: string
  status: string
  qr: string
  dataUrl: string
  receivedAt: string
}

/**
 * The QR code a session shows while it waits to be linked, as an image. WhatsApp replaces it about
 * every 20 seconds: each `session.qr` event of the session reads the new one. Nothing is read while
 * `active` is false (the dialog is closed) or the session is not waiting for a scan.
 */
export function useSessionQr(clientId: MaybeRefOrGetter<string | null>, status: MaybeRefOrGetter<SessionStatus | undefined>, active: MaybeRefOrGetter<boolean>) {
  const dataUrl = ref<string | null>(null)
  const receivedAt = ref<string | null>(null)
  const loading = ref(false)
  const error = shallowRef<Error | null>(null)
  let generation = 0

  async function load(): Promise<void> {
    const id = toValue(clientId)
    if (!id) return
    const current = ++generation
    loading.value = true
    try {
      const answer = await api.get<QrAnswer>(`sessions/${encodeURIComponent(id)}/qr`)
      if (current !== generation) return
      dataUrl.value = answer.dataUrl
      receivedAt.value = answer.receivedAt
      error.value = null
    } catch (caught) {
      if (current !== generation) return
      // 409: no code on show (just scanned, or not there yet); the next event brings one.
      if (caught instanceof ApiError && caught.status === 409) dataUrl.value = null
      else error.value = caught instanceof Error ? caught : new Error(String(caught))
    } finally {
      if (current === generation) loading.value = false
    }
  }

  function reset(): void {
    generation++
    dataUrl.value = null
    receivedAt.value = null
    error.value = null
    loading.value = false
  }

  watch(
    () => [toValue(active), toValue(clientId), toValue(status)] as const,
    ([isActive, id, current], before) => {
      if (!isActive || !id) return reset()
      if (id !== before?.[1] || !before?.[0]) reset()
      if (current === 'qr' && (!dataUrl.value || before?.[2] !== 'qr')) void load()
    },
    { immediate: true },
  )

  useRealtimeEvent<{ sessionId: string }>('session.qr', ({ sessionId }) => {
    if (toValue(active) && sessionId === toValue(clientId)) void load()
  })

  return { dataUrl, receivedAt, loading, error, reload: load }
}
