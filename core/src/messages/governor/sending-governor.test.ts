import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../clock/index.ts'
import type { GovernorSettings } from './governor-settings.ts'
import { SendingGovernor } from './sending-governor.ts'

const start = Date.UTC(2026, 11, 5, 8, 0, 0)

function setup(settings: GovernorSettings, random = () => 0.5) {
  const clock = new ManualClock(start)
  const current = { ...settings }
  const governor = new SendingGovernor({ clock, settingsFor: async () => current, random })
  const sent: Array<{ label: string; at: number }> = []
  const send = (label: string, sessionId = 'shop', signal?: AbortSignal) =>
    governor.run(sessionId, async () => {
      sent.push({ label, at: clock.now() - start })
      return label
    }, signal)
  return { clock, governor, sent, send, current }
}

describe('SendingGovernor', () => {
  it('sends the first message at once and pauses a random 1-3 s between sends, in order', async () => {
    const draws = [0, 1, 0.25]
    const { clock, sent, send } = setup({ messagesPerMinute: 20, jitterMinMs: 1000, jitterMaxMs: 3000 }, () => draws.shift() ?? 0)
    const results = Promise.all(['a', 'b', 'c', 'd'].map((label) => send(label)))
    await clock.advance(0)
    expect(sent.map((entry) => entry.label)).toEqual(['a'])
    await clock.advance(999)
    expect(sent.map((entry) => entry.label)).toEqual(['a'])
    await clock.advance(1)
    // Pauses drawn: 1000 ms (0), then 3000 ms (1), then 1500 ms (0.25).
    expect(sent).toEqual([{ label: 'a', at: 0 }, { label: 'b', at: 1000 }])
    await clock.advance(2999)
    expect(sent).toHaveLength(2)
    await clock.advance(1)
    await clock.advance(1500)
    expect(sent).toEqual([{ label: 'a', at: 0 }, { label: 'b', at: 1000 }, { label: 'c', at: 4000 }, { label: 'd', at: 5500 }])
    expect(await results).toEqual(['a', 'b', 'c', 'd'])
  })

  it('lets at most messagesPerMinute sends through in any 60 s', async () => {
    const { clock, governor, sent, send } = setup({ messagesPerMinute: 3, jitterMinMs: 0, jitterMaxMs: 0 })
    const all = Promise.all(['1', '2', '3', '4', '5'].map((label) => send(label)))
    await clock.advance(0)
    expect(sent.map((entry) => entry.at)).toEqual([0, 0, 0])
    const status = await governor.status('shop')
    expect(status).toMatchObject({ queued: 2, sentLastMinute: 3, nextSendAt: new Date(start + 60_000).toISOString(), waitingUntil: new Date(start + 60_000).toISOString() })
    await clock.advance(59_999)
    expect(sent).toHaveLength(3)
    await clock.advance(1)
    expect(sent.map((entry) => entry.at)).toEqual([0, 0, 0, 60_000, 60_000])
    await all
  })

  it('keeps sessions apart: a busy session does not hold back another', async () => {
    const { clock, sent, send } = setup({ messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 })
    void send('shop-1', 'shop')
    void send('shop-2', 'shop')
    void send('clinic-1', 'clinic')
    await clock.advance(0)
    expect(sent.map((entry) => entry.label)).toEqual(['shop-1', 'clinic-1'])
    await clock.advance(60_000)
    expect(sent.map((entry) => entry.label)).toEqual(['shop-1', 'clinic-1', 'shop-2'])
  })

  it('waits for a send to finish before the next one starts, and measures the pause from its end', async () => {
    const clock = new ManualClock(start)
    const governor = new SendingGovernor({ clock, settingsFor: async () => ({ messagesPerMinute: 100, jitterMinMs: 500, jitterMaxMs: 500 }) })
    const first = await governor.acquire('shop')
    let secondGranted = false
    const second = governor.acquire('shop').then((permit) => {
      secondGranted = true
      return permit
    })
    await clock.advance(10_000)
    expect(secondGranted).toBe(false)
    first.release()
    await clock.advance(499)
    expect(secondGranted).toBe(false)
    await clock.advance(1)
    expect(secondGranted).toBe(true)
    ;(await second).release()
  })

  it('gives up the place in line of an aborted send; the next one takes its turn', async () => {
    const { clock, sent, send } = setup({ messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 })
    const controller = new AbortController()
    void send('first')
    const aborted = send('aborted', 'shop', controller.signal)
    const last = send('last')
    await clock.advance(0)
    controller.abort(new Error('campaign paused'))
    await expect(aborted).rejects.toThrow('campaign paused')
    await clock.advance(60_000)
    expect(sent.map((entry) => entry.label)).toEqual(['first', 'last'])
    await last
  })

  it('applies new settings to the next grant', async () => {
    const { clock, sent, send, current } = setup({ messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 })
    void send('a')
    void send('b')
    void send('c')
    await clock.advance(0)
    expect(sent).toHaveLength(1)
    current.messagesPerMinute = 3
    await clock.advance(60_000)
    // The sleeping lane re-reads the settings when it wakes: b and c both fit in the new window.
    expect(sent.map((entry) => entry.label)).toEqual(['a', 'b', 'c'])
  })

  it('weighs a held-back send again at once when told the settings changed', async () => {
    const { clock, governor, sent, send, current } = setup({ messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 })
    void send('a')
    const b = send('b')
    await clock.advance(0)
    expect(sent).toHaveLength(1)
    current.messagesPerMinute = 10
    governor.reconsider('shop')
    await b
    expect(sent).toEqual([{ label: 'a', at: 0 }, { label: 'b', at: 0 }])
  })

  it('keeps the order turns were reserved in, whoever is ready first', async () => {
    const { clock, governor } = setup({ messagesPerMinute: 10, jitterMinMs: 0, jitterMaxMs: 0 })
    const order: string[] = []
    const first = governor.reserve('shop')
    const second = governor.reserve('shop')
    // The second caller is ready before the first: it still goes second.
    const secondDone = second.granted.then((permit) => {
      order.push('second')
      permit.release()
    })
    await clock.advance(0)
    const permit = await first.granted
    order.push('first')
    permit.release()
    await secondDone
    expect(order).toEqual(['first', 'second'])
  })

  it('gives back an abandoned turn: before its grant it leaves the line, after it the slot is unused and no pause follows', async () => {
    const { clock, governor, sent, send } = setup({ messagesPerMinute: 1, jitterMinMs: 5000, jitterMaxMs: 5000 })
    const early = governor.reserve('shop')
    await early.granted
    early.abandon()
    await send('a')
    expect(sent).toEqual([{ label: 'a', at: 0 }])

    const waiting = governor.reserve('shop')
    const b = send('b')
    await clock.advance(0)
    waiting.abandon()
    await expect(waiting.granted).rejects.toThrow('left the line')
    await clock.advance(60_000)
    await b
    expect(sent).toEqual([{ label: 'a', at: 0 }, { label: 'b', at: 60_000 }])
  })

  it('refuses waiting sends when closed', async () => {
    const { clock, governor, send } = setup({ messagesPerMinute: 1, jitterMinMs: 0, jitterMaxMs: 0 })
    void send('a')
    const waiting = send('b')
    await clock.advance(0)
    governor.close()
    await expect(waiting).rejects.toThrow('closed')
    await expect(send('c')).rejects.toThrow('closed')
  })
})
