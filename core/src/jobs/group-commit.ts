/**
 * (The same as the webhooks plugin's; plugins cannot import kernel internals, nor the kernel a plugin's.)
 * Group commit: items added while a flush is running (or within the same tick) are written together
 * by the next flush, and each `add` settles when the flush holding its item has. One commit for many
 * rows is what makes a durable queue fast on SQLite and PostgreSQL alike.
 */
export class GroupCommit<T> {
  private pending: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = []
  private flushing = false
  private scheduled = false

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxBatch = 1000,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      void this.run()
    })
  }

  private async run(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return
    this.flushing = true
    const batch = this.pending.splice(0, this.maxBatch)
    try {
      await this.flush(batch.map((entry) => entry.item))
      for (const entry of batch) entry.resolve()
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    } finally {
      this.flushing = false
      if (this.pending.length > 0) this.schedule()
    }
  }
}
