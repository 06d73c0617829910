import type { Disposer } from './bus-types.ts'

const EMPTY: readonly never[] = Object.freeze([])

/**
 * Listener lists per event name, copy-on-write: registration is rare and dispatch is hot, so
 * dispatch iterates a stable array without copying while plugins register or dispose.
 */
export class ListenerTable<E extends { disposed: boolean }> {
  private readonly byEvent = new Map<string, readonly E[]>()
  private count = 0

  /** Optional order to keep each list in; Array#sort is stable, so ties keep registration order. */
  constructor(private readonly compare?: (a: E, b: E) => number) {}

  get size(): number {
    return this.count
  }

  get(event: string): readonly E[] {
    return this.byEvent.get(event) ?? EMPTY
  }

  add(event: string, entry: E): Disposer {
    const next = [...this.get(event), entry]
    if (this.compare) next.sort(this.compare)
    this.byEvent.set(event, next)
    this.count++
    return () => {
      if (entry.disposed) return
      // Also skips the entry in a dispatch already iterating the old array.
      entry.disposed = true
      const rest = this.get(event).filter((other) => other !== entry)
      if (rest.length > 0) this.byEvent.set(event, rest)
      else this.byEvent.delete(event)
      this.count--
    }
  }
}
