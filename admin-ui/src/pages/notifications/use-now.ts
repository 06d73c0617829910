import { onScopeDispose, ref, type Ref } from 'vue'

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

/**
 * The current time, refreshed every 30 seconds while something shows it, so "2 minutes ago" keeps
 * telling the truth. One timer serves every component that uses it.
 */
export function useNow(): Ref<number> {
  users += 1
  now.value = Date.now()
  timer ??= setInterval(() => (now.value = Date.now()), 30_000)
  onScopeDispose(() => {
    users -= 1
    if (users === 0 && timer) {
      clearInterval(timer)
      timer = undefined
    }
  })
  return now
}
