import type { MessageEventPayload } from '../bus/core-events.ts'

export interface WaitForReplyOptions {
  /** Real milliseconds to wait (not the kernel's clock, which a test may hold still); 5000 by default. */
  timeoutMs?: number
  /** Only a message this accepts counts, e.g. `(message) => message.body.includes('budget')`. */
  match?: (message: MessageEventPayload) => boolean
}

interface Waiter {
  sessionId: string
  chatId: string
  match: (message: MessageEventPayload) => boolean
  resolve: (message: MessageEventPayload) => void
  fail: (reason: string) => void
}

/** `+966 50 123 4567` and `966501234567` name the chat `966501234567@c.us`; a chat id passes through. */
function chatIdOf(to: string): string {
  if (to.includes('@')) return to.trim()
  return `${to.trim().replace(/^\+/, '').replace(/[\s().-]/g, '')}@c.us`
}

/**
 * The harness's record of what the kernel sent (`message.sent`). A message is handed to the oldest
 * waiter it fits, or kept until a `next` call takes it, so a test may ask for a reply before or after
 * the message that causes it.
 */
export function createReplyWatch() {
  const unclaimed: MessageEventPayload[] = []
  const waiters = new Set<Waiter>()
  let stopped: string | undefined

  const fits = (waiter: Pick<Waiter, 'sessionId' | 'chatId' | 'match'>, message: MessageEventPayload) =>
    message.sessionId === waiter.sessionId && message.chatId === waiter.chatId && waiter.match(message)

  return {
    record(message: MessageEventPayload): void {
      for (const waiter of waiters) {
        if (!fits(waiter, message)) continue
        waiters.delete(waiter)
        waiter.resolve(message)
        return
      }
      unclaimed.push(message)
    },

    next(sessionId: string, to: string, options: WaitForReplyOptions = {}): Promise<MessageEventPayload> {
      const timeoutMs = options.timeoutMs ?? 5000
      const wanted = { sessionId, chatId: chatIdOf(to), match: options.match ?? (() => true) }
      const index = unclaimed.findIndex((message) => fits(wanted, message))
      if (index >= 0) return Promise.resolve(unclaimed.splice(index, 1)[0] as MessageEventPayload)
      if (stopped) return Promise.reject(new Error(`waitForReply(${sessionId}, ${to}): ${stopped}`))
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          ...wanted,
          resolve(message) {
            clearTimeout(timer)
            resolve(message)
          },
          fail(reason) {
            clearTimeout(timer)
            reject(new Error(`waitForReply(${sessionId}, ${to}): ${reason}`))
          },
        }
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          const elsewhere = unclaimed.filter((message) => message.sessionId === sessionId).map((message) => message.chatId)
          const seen = elsewhere.length ? `; unclaimed messages of this session went to ${[...new Set(elsewhere)].join(', ')}` : ''
          reject(new Error(`waitForReply(${sessionId}, ${to}): no message to ${wanted.chatId}${options.match ? ' that matches' : ''} within ${timeoutMs} ms${seen}`))
        }, timeoutMs)
        waiters.add(waiter)
      })
    },

    /** Fails the waits in progress: the kernel that would send their replies is gone. */
    stop(reason: string): void {
      stopped = reason
      for (const waiter of waiters) waiter.fail(reason)
      waiters.clear()
    },
  }
}
