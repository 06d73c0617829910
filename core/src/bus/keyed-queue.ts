/**
 * Runs tasks strictly one after the other per key while different keys run concurrently, and
 * bounds the number of tasks taken in but not finished (`maxPending`, across all keys).
 *
 * A producer first takes a slot (`tryReserve`, else `waitForSlot`), then `push`es its task. When a
 * task finishes its slot goes straight to the longest-waiting producer, so waiters are served in
 * order and the bound is never overshot. A key's lane is deleted as soon as it runs empty, so
 * memory follows the work outstanding, not the number of chats ever seen.
 */
export type Task = () => Promise<void>

interface Link<T> {
  value: T
  next: Link<T> | undefined
}

/** Singly linked FIFO: O(1) push and shift at any length (Array#shift is O(n)). */
class Fifo<T> {
  private head: Link<T> | undefined
  private tail: Link<T> | undefined
  length = 0

  push(value: T): void {
    const link: Link<T> = { value, next: undefined }
    if (this.tail) this.tail.next = link
    else this.head = link
    this.tail = link
    this.length++
  }

  shift(): T | undefined {
    const link = this.head
    if (!link) return undefined
    this.head = link.next
    if (!this.head) this.tail = undefined
    this.length--
    return link.value
  }
}

interface Waiter {
  resolve: () => void
  reject: (reason: Error) => void
}

export class KeyedQueue {
  private readonly lanes = new Map<string, Fifo<Task>>()
  private readonly waiters = new Fifo<Waiter>()
  private idleWaiters: Array<() => void> = []
  /** Slots taken: reserved, queued or running. */
  private pending = 0
  private active = 0

  constructor(
    private readonly maxPending: number,
    /** Tasks are expected not to throw; this is the last line of defence that keeps lanes moving. */
    private readonly onTaskError: (err: unknown) => void,
  ) {}

  /** Takes a slot if one is free and nobody is waiting ahead of us. */
  tryReserve(): boolean {
    if (this.pending >= this.maxPending || this.waiters.length > 0) return false
    this.pending++
    return true
  }

  /** Resolves once a finishing task hands its slot over; rejects if `rejectWaiters` is called. */
  waitForSlot(): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }))
  }

  /** Refuses every producer still waiting (on close); tasks already taken in still run. */
  rejectWaiters(reason: Error): void {
    for (let waiter = this.waiters.shift(); waiter; waiter = this.waiters.shift()) {
      waiter.reject(reason)
    }
  }

  /** Queues a task on its key's lane. The caller must hold a slot from tryReserve/waitForSlot. */
  push(key: string, task: Task): void {
    const lane = this.lanes.get(key)
    if (lane) {
      lane.push(task)
      return
    }
    const fresh = new Fifo<Task>()
    fresh.push(task)
    this.lanes.set(key, fresh)
    void this.drain(key, fresh)
  }

  /** Gives back a slot taken but not used (e.g. the event had no listeners). */
  release(): void {
    const waiter = this.waiters.shift()
    if (waiter) {
      waiter.resolve()
      return
    }
    this.pending--
    if (this.pending === 0 && this.idleWaiters.length > 0) {
      const resolvers = this.idleWaiters
      this.idleWaiters = []
      for (const resolve of resolvers) resolve()
    }
  }

  onIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  get stats(): { pending: number; running: number; keys: number; waiting: number } {
    return {
      pending: this.pending,
      running: this.active,
      keys: this.lanes.size,
      waiting: this.waiters.length,
    }
  }

  private async drain(key: string, lane: Fifo<Task>): Promise<void> {
    // Start on a later microtask so handlers never run inside the producer's emit() call stack.
    await Promise.resolve()
    for (let task = lane.shift(); task; task = lane.shift()) {
      this.active++
      try {
        await task()
      } catch (err) {
        this.onTaskError(err)
      } finally {
        this.active--
        this.release()
      }
    }
    // Synchronous with the last empty check: a push arriving later finds no lane and starts a new one.
    this.lanes.delete(key)
  }
}
