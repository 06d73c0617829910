import { onScopeDispose, ref } from 'vue'

/**
 * Runs `task` now and then `intervalMs` after each run ends (runs never overlap), only while the
 * page is visible and not paused; a hidden tab costs the server nothing. Stops for good when the
 * calling component goes away, aborting a request in flight.
 */
export function usePolling(task: (signal: AbortSignal) => Promise<void>, intervalMs: number) {
  const paused = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined
  let disposed = false

  const visible = () => document.visibilityState !== 'hidden'
  const mayRun = () => !disposed && !paused.value && visible()

  function cancelTimer(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  async function run(): Promise<void> {
    cancelTimer()
    if (!mayRun() || inFlight) return
    const controller = new AbortController()
    inFlight = controller
    try {
      await task(controller.signal)
    } catch {
      // The task shows its own errors; polling carries on.
    } finally {
      inFlight = undefined
    }
    if (mayRun()) timer = setTimeout(run, intervalMs)
  }

  function onVisibilityChange(): void {
    if (visible()) void run()
    else cancelTimer()
  }

  function pause(): void {
    paused.value = true
    cancelTimer()
  }

  function resume(): void {
    paused.value = false
    void run()
  }

  document.addEventListener('visibilitychange', onVisibilityChange)
  onScopeDispose(() => {
    disposed = true
    cancelTimer()
    inFlight?.abort()
    document.removeEventListener('visibilitychange', onVisibilityChange)
  })
  void run()

  return { paused, pause, resume }
}
