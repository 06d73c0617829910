/** A handle returned by `Clock.setTimeout`, given back to `Clock.clearTimeout`. */
export interface TimerHandle {
  readonly id: number
}

export interface TimerOptions {
  /**
   * Housekeeping nobody waits on (a poller, a lease renewal). A ManualClock's `advance` stops waiting
   * for work to settle when a foreground timer is set (someone is waiting for time to pass), never
   * for a background one.
   */
  background?: boolean
}

/**
 * Time as the kernel and plugins see it. Jobs, timers and the sending governor read the time and
 * wait through a Clock, so the test harness can move time forward (`ManualClock.advance`) instead
 * of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** `new Date(now())`. */
  date(): Date
  /** Runs `fn` once after `ms` milliseconds of this clock's time. */
  setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerHandle
  clearTimeout(handle: TimerHandle | undefined): void
  /** Resolves after `ms` milliseconds of this clock's time; rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** Sleeps on a clock: shared by both implementations. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clock.clearTimeout(handle)
      reject(signal?.reason)
    }
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
