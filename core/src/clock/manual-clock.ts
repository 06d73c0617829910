import type { Clock, TimerHandle } from './clock.ts'
import { sleepOn } from './clock.ts'

interface PendingTimer {
  id: number
  dueAt: number
  fn: () => void
}

/**
 * A clock that moves only when told: `advance(ms)` runs every timer that falls due, in order,
 * letting promises settle between them. The test harness gives one to kernels made with
 * `createTestKernel({ manualClock: true })`.
 */
export class ManualClock implements Clock {
  private current: number
  private nextId = 1
  private pending: PendingTimer[] = []

  constructor(start: Date | number = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime()
  }

  now(): number {
    return this.current
  }

  date(): Date {
    return new Date(this.current)
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, dueAt: this.current + Math.max(0, ms), fn }
    this.pending.push(timer)
    return { id: timer.id }
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return
    this.pending = this.pending.filter((timer) => timer.id !== handle.id)
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal)
  }

  /** Timers waiting to fire. */
  get pendingTimers(): number {
    return this.pending.length
  }

  /**
   * Moves time forward by `ms`, firing due timers in time order. Work those timers start (database
   * queries, further timers) is given real time to settle before the next one fires, so a test that
   * awaits `advance` sees its effects.
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a finite, non-negative number of milliseconds (got ${ms})`)
    const target = this.current + ms
    await settle()
    for (;;) {
      const next = this.pending.filter((timer) => timer.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0]
      if (!next) break
      this.pending = this.pending.filter((timer) => timer.id !== next.id)
      this.current = Math.max(this.current, next.dueAt)
      next.fn()
      await settle()
    }
    this.current = target
    await settle()
  }

  /** Sets the time to `at` (never backwards), firing what falls due. */
  async advanceTo(at: Date | number): Promise<void> {
    const target = typeof at === 'number' ? at : at.getTime()
    await this.advance(Math.max(0, target - this.current))
  }
}

/** Lets promise chains and I/O callbacks started by a timer run (a few macrotask turns). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve))
}
