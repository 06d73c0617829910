import { describe, expect, it } from 'vitest'
import { ManualClock } from './manual-clock.ts'

describe('ManualClock', () => {
  it('fires timers in time order only when advanced past them', async () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'))
    const fired: string[] = []
    clock.setTimeout(() => fired.push('b'), 2000)
    clock.setTimeout(() => fired.push('a'), 1000)
    await clock.advance(999)
    expect(fired).toEqual([])
    await clock.advance(1001)
    expect(fired).toEqual(['a', 'b'])
    expect(clock.date().toISOString()).toBe('2026-01-01T00:00:02.000Z')
  })

  it('sees the time a timer was due at inside the timer, and runs timers set by timers', async () => {
    const clock = new ManualClock(0)
    const seen: number[] = []
    clock.setTimeout(() => {
      seen.push(clock.now())
      clock.setTimeout(() => seen.push(clock.now()), 500)
    }, 1000)
    await clock.advance(5000)
    expect(seen).toEqual([1000, 1500])
    expect(clock.now()).toBe(5000)
  })

  it('lets async work started by a timer settle before advance returns', async () => {
    const clock = new ManualClock(0)
    let done = false
    clock.setTimeout(() => {
      void Promise.resolve().then(() => new Promise((resolve) => setImmediate(resolve))).then(() => (done = true))
    }, 10)
    await clock.advance(10)
    expect(done).toBe(true)
  })

  it('cancels a cleared timer and an aborted sleep', async () => {
    const clock = new ManualClock(0)
    let fired = false
    const handle = clock.setTimeout(() => (fired = true), 10)
    clock.clearTimeout(handle)
    const controller = new AbortController()
    const sleeping = clock.sleep(100, controller.signal)
    controller.abort(new Error('stopped'))
    await expect(sleeping).rejects.toThrow('stopped')
    await clock.advance(1000)
    expect(fired).toBe(false)
    expect(clock.pendingTimers).toBe(0)
  })

  it('waits for registered settlers after each timer it fires, and stops waiting for a removed one', async () => {
    const clock = new ManualClock(0)
    const seen: string[] = []
    let working: Promise<void> | undefined
    let asked = 0
    const remove = clock.addSettler(async () => {
      asked++
      await working
    })
    const startWork = () => {
      // Real-time work, longer than a few event-loop turns (like a database query).
      working = new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => {
        seen.push('done')
      })
    }
    clock.setTimeout(startWork, 10)
    await clock.advance(10)
    expect(seen).toEqual(['done'])
    const askedBefore = asked
    remove()
    await clock.advance(10)
    expect(asked).toBe(askedBefore)
  })

  it('tells whether a foreground timer set since a mark still waits, ignoring background ones', async () => {
    const clock = new ManualClock(0)
    const mark = clock.timerMark()
    clock.setTimeout(() => undefined, 100, { background: true })
    expect(clock.foregroundTimerSince(mark)).toBe(false)
    const woken = clock.nextForegroundTimer()
    clock.setTimeout(() => undefined, 100)
    await woken
    expect(clock.foregroundTimerSince(mark)).toBe(true)
    expect(clock.foregroundTimerSince(clock.timerMark())).toBe(false)
    await clock.advance(100)
    expect(clock.foregroundTimerSince(mark)).toBe(false)
  })

  it('refuses to move backwards', async () => {
    await expect(new ManualClock(0).advance(-1)).rejects.toThrow(RangeError)
  })
})
