import type { Clock, TimerHandle, TimerOptions } from './clock.ts'
import { sleepOn } from './clock.ts'

/** Wall-clock time and Node's timers; what a running WaQtor uses. */
export class SystemClock implements Clock {
  private nextId = 1
  private readonly timers = new Map<number, NodeJS.Timeout>()

  now(): number {
    return Date.now()
  }

  date(): Date {
    return new Date()
  }

  setTimeout(fn: () => void, ms: number, _options?: TimerOptions): TimerHandle {
    const id = this.nextId++
    const timer = setTimeout(() => {
      this.timers.delete(id)
      fn()
    }, Math.max(0, ms))
    // A pending timer never keeps the process alive on its own: shutdown closes what matters.
    timer.unref()
    this.timers.set(id, timer)
    return { id }
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return
    clearTimeout(this.timers.get(handle.id))
    this.timers.delete(handle.id)
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal)
  }
}
