import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Session } from '../../api/types.ts'
import { useNow } from '../notifications/use-now.ts'
import { formatDuration, uptimeSeconds } from './session-format.ts'

/**
 * How long a ready session has been connected, in words, kept current while shown. The clock
 * moves every 30 seconds, so under a minute reads as such rather than as a stale count of seconds.
 */
export function useUptime(): { now: Ref<number>; uptimeText: (session: Pick<Session, 'status' | 'readyAt'>) => string | null } {
  const { t, locale } = useI18n()
  const now = useNow()
  function uptimeText(session: Pick<Session, 'status' | 'readyAt'>): string | null {
    const seconds = session.status === 'ready' ? uptimeSeconds(session.readyAt, now.value) : null
    if (seconds === null) return null
    return seconds < 60 ? t('sessions.health.underMinute') : formatDuration(seconds, locale.value)
  }
  return { now, uptimeText }
}
