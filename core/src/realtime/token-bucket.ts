interface Bucket {
  tokens: number
  refilledAt: number
}

/**
 * Per-key token buckets: `burst` tokens at most, refilled at `perSecond`. Hand-written rather than
 * rate-limiter-flexible (which the HTTP limits use) because its memory limiter counts fixed windows,
 * which would let a socket send twice the burst across a window edge, and answers through promises,
 * while a socket's emits are handled synchronously, in order. Lazy refill: no timers.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one token for `key`; false when none is left. */
  take(key: string, nowMs = performance.now()): boolean {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = { tokens: this.burst, refilledAt: nowMs }
      this.buckets.set(key, bucket)
    } else {
      const refill = ((nowMs - bucket.refilledAt) / 1000) * this.perSecond
      bucket.tokens = Math.min(this.burst, bucket.tokens + refill)
      bucket.refilledAt = nowMs
    }
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  forget(key: string): void {
    this.buckets.delete(key)
  }

  get size(): number {
    return this.buckets.size
  }
}
