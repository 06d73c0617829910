import type { Clock, TimerHandle, TimerOptions } from './clock.ts'
import { sleepOn } from './clock.ts'

interface PendingTimer {
  id: number
  dueAt: number
  fn: () => void
  background: boolean
}

/** Resolves when the work it watches (e.g. the job runner) has nothing left to do right now. */
export type Settler = () => Promise<void>

/**
 * A clock that moves only when told: `advance(ms)` runs every timer that falls due, in order,
 * letting promises settle between them. The test harness gives one to kernels made with
 * `createTestKernel({ manualClock: true })`.
 */
export class ManualClock implements Clock {
  private current: number
  private nextId = 1
  private pending: PendingTimer[] = []
  private readonly settlers = new Set<Settler>()
  private foregroundWaiters: Array<() => void> = []

  constructor(start: Date | number = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime()
  }

  now(): number {
    return this.current
  }

  date(): Date {
    return new Date(this.current)
  }

  setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerHandle {
    const timer = { id: this.nextId++, dueAt: this.current + Math.max(0, ms), fn, background: options?.background === true }
    this.pending.push(timer)
    if (!options?.background) for (const wake of this.foregroundWaiters.splice(0)) wake()
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
   * Work that `advance` waits for after each timer it fires, beyond a few event-loop turns: database
   * work takes longer. The job runner registers one that resolves when it is idle. A settler must not
   * wait for work that waits for this clock (see `foregroundTimerSince`): only `advance` moves it.
   * Returns a function that removes it.
   */
  addSettler(settler: Settler): () => void {
    this.settlers.add(settler)
    return () => this.settlers.delete(settler)
  }

  /** A mark to give `foregroundTimerSince` later: the id the next timer will get. */
  timerMark(): number {
    return this.nextId
  }

  /** Whether a foreground timer set since `mark` is still waiting: whoever set it waits for time to pass. */
  foregroundTimerSince(mark: number): boolean {
    return this.pending.some((timer) => !timer.background && timer.id >= mark)
  }

  /** Resolves when the next foreground timer is set. */
  nextForegroundTimer(): Promise<void> {
    return new Promise((resolve) => this.foregroundWaiters.push(resolve))
  }

  /**
   * Moves time forward by `ms`, firing due timers in time order. Work those timers start (database
   * queries, further timers, jobs) is given time to settle before the next one fires, so a test that
   * awaits `advance` sees its effects.
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a finite, non-negative number of milliseconds (got ${ms})`)
    const target = this.current + ms
    await this.settleAll()
    for (;;) {
      const next = this.pending.filter((timer) => timer.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0]
      if (!next) break
      this.pending = this.pending.filter((timer) => timer.id !== next.id)
      this.current = Math.max(this.current, next.dueAt)
      next.fn()
      await this.settleAll()
    }
    this.current = target
    await this.settleAll()
  }

  /** Lets the work timers started settle: a few event-loop turns, then every settler. */
  private async settleAll(): Promise<void> {
    await settle()
    if (this.settlers.size === 0) return
    await Promise.allSettled([...this.settlers].map((settler) => settler()))
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
