/** Messages between the bench (parent) and the kernel it runs in a child process. */
export type KernelCommand = { type: 'memory' } | { type: 'mark' } | { type: 'settle' } | { type: 'stop' }

export type KernelReply =
  | { type: 'started'; url: string; email: string; password: string }
  | { type: 'memory'; rssBytes: number; heapUsedBytes: number }
  | { type: 'marked' }
  /** Since the last mark: SQL statements run, and how busy the kernel's main thread was until the settle began. */
  | { type: 'settled'; messages: number; statements: number; mainThreadBusy: number }
  | { type: 'stopped' }
  | { type: 'error'; message: string }
