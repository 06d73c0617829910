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

  it('refuses to move backwards', async () => {
    await expect(new ManualClock(0).advance(-1)).rejects.toThrow(RangeError)
  })
})
