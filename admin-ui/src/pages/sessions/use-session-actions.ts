import { useConfirm } from 'primevue/useconfirm'
import { useToast } from 'primevue/usetoast'
import { useI18n } from 'vue-i18n'
import { api } from '../../api/client.ts'
import type { Session, SessionDetail } from '../../api/types.ts'
import { useBusyStore } from '../../stores/busy-store.ts'
import { useSessionsStore } from '../../stores/sessions-store.ts'
import { errorText } from './session-errors.ts'

export type LifecycleAction = 'restart' | 'start' | 'stop'

const path = (clientId: string) => `sessions/${encodeURIComponent(clientId)}`

/**
 * Restart, start, stop and delete a session, behind the busy overlay (a restart waits for the new
 * driver), with a toast saying how it went. The list store gets the answer at once.
 */
export function useSessionActions() {
  const { t } = useI18n()
  const busy = useBusyStore()
  const confirm = useConfirm()
  const toast = useToast()
  const sessions = useSessionsStore()

  async function runLifecycle(action: LifecycleAction, session: Session): Promise<SessionDetail | null> {
    const name = session.name || session.clientId
    return busy.run(t(`sessions.actions.busy.${action}`, { name }), async () => {
      try {
        const detail = await api.post<SessionDetail>(`${path(session.clientId)}/${action}`)
        sessions.upsert(detail)
        toast.add({ severity: 'success', summary: t(`sessions.actions.done.${action}`, { name }), life: 3000 })
        return detail
      } catch (error) {
        toast.add({ severity: 'error', summary: t(`sessions.actions.failed.${action}`, { name }), detail: errorText(error, t), life: 8000 })
        return null
      }
    })
  }

  /** Asks first, naming the session and what goes with it; `onDeleted` runs once it is gone. */
  function remove(session: Session, onDeleted?: () => void): void {
    const name = session.name || session.clientId
    confirm.require({
      header: t('sessions.delete.header'),
      message: t('sessions.delete.message', { name, clientId: session.clientId }),
      icon: 'pi pi-exclamation-triangle',
      acceptProps: { label: t('sessions.delete.accept'), severity: 'danger', icon: 'pi pi-trash' },
      rejectProps: { label: t('common.cancel'), severity: 'secondary', outlined: true },
      accept: () =>
        busy.run(t('sessions.actions.busy.delete', { name }), async () => {
          try {
            await api.delete(path(session.clientId))
            sessions.remove(session.clientId)
            toast.add({ severity: 'success', summary: t('sessions.actions.done.delete', { name }), life: 3000 })
            onDeleted?.()
          } catch (error) {
            toast.add({ severity: 'error', summary: t('sessions.actions.failed.delete', { name }), detail: errorText(error, t), life: 8000 })
          }
        }),
    })
  }

  return { runLifecycle, remove }
}
