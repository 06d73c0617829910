/**
 * Sums over the last `seconds` seconds in one-second buckets: constant memory, no timers. A rate
 * is the sum divided by the window, so it settles to the true rate once the window has filled.
 */
export class SlidingWindow {
  private readonly sums: number[]
  private readonly stamps: number[]

  constructor(readonly seconds: number) {
    this.sums = new Array<number>(seconds).fill(0)
    this.stamps = new Array<number>(seconds).fill(-1)
  }

  add(value: number, nowMs = Date.now()): void {
    const second = Math.floor(nowMs / 1000)
    const slot = second % this.seconds
    if (this.stamps[slot] !== second) {
      this.stamps[slot] = second
      this.sums[slot] = 0
    }
    this.sums[slot] = (this.sums[slot] ?? 0) + value
  }

  /** Average per second over the window ending now. */
  perSecond(nowMs = Date.now()): number {
    const second = Math.floor(nowMs / 1000)
    let total = 0
    for (let slot = 0; slot < this.seconds; slot++) {
      const stamp = this.stamps[slot] ?? -1
      if (stamp > second - this.seconds && stamp <= second) total += this.sums[slot] ?? 0
    }
    return total / this.seconds
  }
}
