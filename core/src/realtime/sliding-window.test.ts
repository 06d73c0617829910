import { describe, expect, it } from 'vitest'
import { SlidingWindow } from './sliding-window.ts'

describe('SlidingWindow', () => {
  it('averages what was added over the last seconds and forgets older values', () => {
    const window = new SlidingWindow(10)
    const start = 1_000_000
    for (let second = 0; second < 10; second++) window.add(5, start + second * 1000)
    expect(window.perSecond(start + 9_500)).toBe(5)
    window.add(100, start + 10_000)
    // The bucket of the first second was reused for the eleventh.
    expect(window.perSecond(start + 10_000)).toBe((9 * 5 + 100) / 10)
    expect(window.perSecond(start + 30_000)).toBe(0)
  })
})
