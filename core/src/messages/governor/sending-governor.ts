import type { Clock } from '../../clock/index.ts'
import type { GovernorSettings } from './governor-settings.ts'

const WINDOW_MS = 60_000

/** The right to send one message now; `release()` once it is sent (or failed) so the next may follow. */
export interface GovernorPermit {
  release(): void
  /** Nothing was sent after all (e.g. an idempotent replay): the slot is given back and no pause follows. */
  cancel(): void
}

/**
 * A place in the session's line, taken at once (so sends keep the order they were asked in while
 * their callers still check things), granted later.
 */
export interface GovernorTurn {
  /** Resolves when it is this turn's time to send. */
  readonly granted: Promise<GovernorPermit>
  /** Leaves the line (or gives back the permit unused). Safe to call at any time, more than once. */
  abandon(): void
}

export interface GovernorStatus {
  sessionId: string
  settings: GovernorSettings
  /** Sends waiting for their turn. */
  queued: number
  /** A permit is out: a message is being sent. */
  sending: boolean
  /** Permits granted in the last 60 s. */
  sentLastMinute: number
  /** The earliest the next send may go (ISO 8601); now when nothing holds it back. */
  nextSendAt: string
  /** Set while the queue's head is held back: the time it waits for (ISO 8601). */
  waitingUntil: string | null
}

export interface SendingGovernorOptions {
  clock: Clock
  /** The settings in force for a session, read before each grant (an update applies to the next send). */
  settingsFor(sessionId: string): Promise<GovernorSettings>
  /** Random numbers in [0, 1) for the pauses; Math.random by default. */
  random?: () => number
}

interface Waiter {
  resolve(permit: GovernorPermit): void
  reject(reason: unknown): void
  signal: AbortSignal | undefined
  onAbort: () => void
}

interface Lane {
  queue: Waiter[]
  pumping: boolean
  sending: boolean
  /** Grant times within the last minute, oldest first. */
  granted: number[]
  /** When the last send finished and the pause drawn after it. */
  lastReleasedAt: number | null
  pauseMs: number
  sleepingUntil: number | null
  /** Cuts the current wait short so the settings are read again. */
  wake: AbortController | null
}

/**
 * Paces sends per session, first come first served: at most `messagesPerMinute` grants in any
 * sliding 60 s window, one send at a time, and a random pause (`jitterMinMs`..`jitterMaxMs`)
 * after each send before the next. Waits on the kernel's clock, so tests move time instead of
 * sleeping. State is in this process: a session is run by one node, and so is its governor.
 */
export class SendingGovernor {
  private readonly lanes = new Map<string, Lane>()
  private readonly random: () => number
  private readonly closing = new AbortController()

  constructor(private readonly options: SendingGovernorOptions) {
    this.random = options.random ?? Math.random
  }

  /** Waits for this session's turn. Rejects with the signal's reason if it aborts first (the place in line is given up). */
  acquire(sessionId: string, signal?: AbortSignal): Promise<GovernorPermit> {
    if (this.closing.signal.aborted) return Promise.reject(new Error('the sending governor is closed'))
    if (signal?.aborted) return Promise.reject(signal.reason)
    const lane = this.lane(sessionId)
    return new Promise<GovernorPermit>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = lane.queue.indexOf(waiter)
          if (index >= 0) lane.queue.splice(index, 1)
          reject(signal?.reason)
        },
      }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      lane.queue.push(waiter)
      void this.pump(sessionId, lane)
    })
  }

  /** Takes a place in the session's line now; see GovernorTurn. */
  reserve(sessionId: string, signal?: AbortSignal): GovernorTurn {
    const leave = new AbortController()
    let permit: GovernorPermit | undefined
    let abandoned = false
    const granted = this.acquire(sessionId, signal ? AbortSignal.any([signal, leave.signal]) : leave.signal).then((given) => {
      permit = given
      if (abandoned) given.cancel()
      return given
    })
    // A turn abandoned before its grant rejects; whoever abandoned it does not wait for it.
    granted.catch(() => undefined)
    return {
      granted,
      abandon: () => {
        if (abandoned) return
        abandoned = true
        if (permit) permit.cancel()
        else leave.abort(new Error('the send left the line'))
      },
    }
  }

  /** Runs `send` at the session's turn and releases the turn when it settles. */
  async run<T>(sessionId: string, send: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const permit = await this.acquire(sessionId, signal)
    try {
      return await send()
    } finally {
      permit.release()
    }
  }

  async status(sessionId: string): Promise<GovernorStatus> {
    const settings = await this.options.settingsFor(sessionId)
    const lane = this.lanes.get(sessionId)
    const now = this.options.clock.now()
    if (!lane) return { sessionId, settings, queued: 0, sending: false, sentLastMinute: 0, nextSendAt: new Date(now).toISOString(), waitingUntil: null }
    prune(lane, now)
    return {
      sessionId,
      settings,
      queued: lane.queue.length,
      sending: lane.sending,
      sentLastMinute: lane.granted.length,
      nextSendAt: new Date(this.earliest(lane, settings, now)).toISOString(),
      waitingUntil: lane.sleepingUntil === null ? null : new Date(lane.sleepingUntil).toISOString(),
    }
  }

  /** The session's settings changed: a send held back is weighed again now, under the new settings. */
  reconsider(sessionId: string): void {
    this.lanes.get(sessionId)?.wake?.abort()
  }

  /** Forgets a deleted session; its waiting sends are refused with `reason`. */
  forget(sessionId: string, reason: unknown): void {
    const lane = this.lanes.get(sessionId)
    if (!lane) return
    this.lanes.delete(sessionId)
    for (const waiter of lane.queue.splice(0)) this.refuse(waiter, reason)
  }

  /** Refuses every waiting send and stops the timers (kernel shutdown). */
  close(): void {
    this.closing.abort(new Error('the sending governor is closed'))
    for (const sessionId of [...this.lanes.keys()]) this.forget(sessionId, this.closing.signal.reason)
  }

  private lane(sessionId: string): Lane {
    let lane = this.lanes.get(sessionId)
    if (!lane) this.lanes.set(sessionId, (lane = { queue: [], pumping: false, sending: false, granted: [], lastReleasedAt: null, pauseMs: 0, sleepingUntil: null, wake: null }))
    return lane
  }

  /** One loop per session while it has waiters: grants the head when the window and the pause allow. */
  private async pump(sessionId: string, lane: Lane): Promise<void> {
    if (lane.pumping || lane.sending) return
    lane.pumping = true
    try {
      while (lane.queue.length > 0 && !lane.sending && this.lanes.get(sessionId) === lane) {
        let settings: GovernorSettings
        try {
          settings = await this.options.settingsFor(sessionId)
        } catch (error) {
          const head = lane.queue.shift()
          if (head) this.refuse(head, error)
          // An unknown session keeps no lane behind.
          if (lane.queue.length === 0 && lane.granted.length === 0 && lane.lastReleasedAt === null) this.lanes.delete(sessionId)
          continue
        }
        const now = this.options.clock.now()
        prune(lane, now)
        const earliest = this.earliest(lane, settings, now)
        if (earliest > now) {
          lane.sleepingUntil = earliest
          lane.wake = new AbortController()
          try {
            await this.options.clock.sleep(earliest - now, AbortSignal.any([this.closing.signal, lane.wake.signal]))
          } catch {
            if (this.closing.signal.aborted) return
          } finally {
            lane.sleepingUntil = null
            lane.wake = null
          }
          continue
        }
        const head = lane.queue.shift()
        if (!head) break
        head.signal?.removeEventListener('abort', head.onAbort)
        lane.granted.push(now)
        lane.sending = true
        head.resolve(this.permit(sessionId, lane, settings, now))
      }
    } finally {
      lane.pumping = false
    }
  }

  private permit(sessionId: string, lane: Lane, settings: GovernorSettings, grantedAt: number): GovernorPermit {
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        lane.sending = false
        lane.lastReleasedAt = this.options.clock.now()
        lane.pauseMs = Math.round(settings.jitterMinMs + this.random() * (settings.jitterMaxMs - settings.jitterMinMs))
        void this.pump(sessionId, lane)
      },
      cancel: () => {
        if (released) return
        released = true
        lane.sending = false
        const index = lane.granted.lastIndexOf(grantedAt)
        if (index >= 0) lane.granted.splice(index, 1)
        void this.pump(sessionId, lane)
      },
    }
  }

  private earliest(lane: Lane, settings: GovernorSettings, now: number): number {
    let earliest = now
    if (lane.lastReleasedAt !== null) earliest = Math.max(earliest, lane.lastReleasedAt + lane.pauseMs)
    if (lane.granted.length >= settings.messagesPerMinute) {
      const oldestInWindow = lane.granted[lane.granted.length - settings.messagesPerMinute] ?? now
      earliest = Math.max(earliest, oldestInWindow + WINDOW_MS)
    }
    return earliest
  }

  private refuse(waiter: Waiter, reason: unknown): void {
    waiter.signal?.removeEventListener('abort', waiter.onAbort)
    waiter.reject(reason)
  }
}

function prune(lane: Lane, now: number): void {
  while (lane.granted.length > 0 && (lane.granted[0] ?? now) <= now - WINDOW_MS) lane.granted.shift()
}
