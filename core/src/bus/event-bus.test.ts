import { AsyncLocalStorage } from 'node:async_hooks'
import { pino, type Logger } from 'pino'
import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import type { EventBusOptions, EventMeta } from './bus-types.ts'
import { messageReceived, sessionStatusChanged, type MessageEventPayload } from './core-events.ts'
import { defineEvent } from './define-event.ts'
import { EventBus } from './event-bus.ts'

function createBus(overrides: Partial<EventBusOptions> = {}): { bus: EventBus; registry: Registry } {
  const registry = new Registry()
  const bus = new EventBus({
    logger: pino({ level: 'silent' }),
    registry,
    maxQueued: 1000,
    handlerTimeoutMs: 5000,
    ...overrides,
  })
  return { bus, registry }
}

/** A logger that keeps its JSON lines, for asserting what operators would see. */
function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = []
  const destination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }
  const logger = pino({ level: 'warn' }, destination)
  return { logger, lines }
}

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Lets every pending callback and timer-free continuation run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Sum of the samples of `name` in the registry's exposition text whose labels include `labels`. */
async function metric(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  let total = 0
  for (const line of (await registry.metrics()).split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) total += Number(match[3])
  }
  return total
}

function message(chatId: string, body: string, sessionId = 's1'): MessageEventPayload {
  return {
    sessionId, messageId: `${chatId}-${body}`, chatId, from: chatId, to: 'me', type: 'chat', body,
    timestamp: new Date(0).toISOString(), fromMe: false,
  }
}

describe('EventBus handlers', () => {
  it('isolates a throwing or rejecting handler: the others still run and the error is counted', async () => {
    const { bus, registry } = createBus()
    const seen: string[] = []
    bus.on(messageReceived, () => { throw new Error('sync boom') }, { id: 'a' })
    bus.on(messageReceived, async () => { throw new Error('async boom') }, { id: 'b' })
    bus.on(messageReceived, (msg) => { seen.push(msg.body) }, { id: 'c' })

    await bus.emit(messageReceived, message('c1', 'hello'))
    await bus.idle()

    expect(seen).toEqual(['hello'])
    expect(await metric(registry, 'waqtor_bus_handler_errors_total', { event: 'message.received', handler: 'a' })).toBe(1)
    expect(await metric(registry, 'waqtor_bus_handler_errors_total', { event: 'message.received', handler: 'b' })).toBe(1)
    expect(await metric(registry, 'waqtor_bus_handler_errors_total', { handler: 'c' })).toBe(0)
    expect(await metric(registry, 'waqtor_bus_events_emitted_total', { event: 'message.received' })).toBe(1)
  })

  it('logs a failing handler with the event, handler id and owner', async () => {
    const { logger, lines } = captureLogger()
    const { bus } = createBus({ logger })
    bus.on(messageReceived, () => { throw new Error('boom') }, { id: 'smartbot.reply', owner: 'smartbot' })
    await bus.emit(messageReceived, message('c1', 'x'))
    await bus.idle()
    expect(lines).toContainEqual(expect.objectContaining({
      level: 50, event: 'message.received', handler: 'smartbot.reply', owner: 'smartbot',
      err: expect.objectContaining({ message: 'boom' }),
    }))
  })

  it('passes meta with the event name, emit time and ordering key', async () => {
    const { bus } = createBus()
    const metas: EventMeta[] = []
    bus.on(messageReceived, (_msg, meta) => { metas.push(meta) }, { id: 'm' })
    bus.on(sessionStatusChanged, (_p, meta) => { metas.push(meta) }, { id: 's' })
    await bus.emit(messageReceived, message('chat-9', 'x', 'sess-1'))
    await bus.emit(sessionStatusChanged, { sessionId: 'sess-1', status: 'ready', previous: 'qr', error: null })
    await bus.idle()
    expect(metas.map(({ event, key }) => ({ event, key }))).toEqual([
      { event: 'message.received', key: 'sess-1:chat-9' },
      { event: 'session.status', key: 'sess-1:*' },
    ])
    expect(metas[0]?.emittedAt).toBeInstanceOf(Date)
  })

  it('resolves emit once the event is queued, before its handlers finish', async () => {
    const { bus } = createBus()
    const gate = deferred()
    let finished = false
    bus.on(messageReceived, async () => { await gate.promise; finished = true }, { id: 'slow' })
    await bus.emit(messageReceived, message('c1', 'x'))
    expect(finished).toBe(false)
    gate.resolve()
    await bus.idle()
    expect(finished).toBe(true)
  })

  it('runs every handler and interceptor inside runInContext', async () => {
    const context = new AsyncLocalStorage<number>()
    let calls = 0
    const { bus } = createBus({ runInContext: (fn) => context.run(++calls, fn) })
    const stores: Array<number | undefined> = []
    bus.intercept(messageReceived, () => { stores.push(context.getStore()) }, { id: 'i' })
    bus.on(messageReceived, async () => { await flush(); stores.push(context.getStore()) }, { id: 'h1' })
    bus.onAny(() => { stores.push(context.getStore()) }, { id: 'any' })
    await bus.emit(messageReceived, message('c1', 'x'))
    await bus.idle()
    // The interceptor ran first in context 1; the two handlers got contexts 2 and 3.
    expect(stores[0]).toBe(1)
    expect(stores.slice(1).sort()).toEqual([2, 3])
    expect(context.getStore()).toBeUndefined()
  })

  it('skips handlers whose accepts filter refuses the event, or throws', async () => {
    const { bus, registry } = createBus()
    const delivered: string[] = []
    bus.on(messageReceived, (msg) => { delivered.push(`s1-only:${msg.sessionId}`) }, {
      id: 'scoped',
      accepts: (msg) => msg.sessionId === 's1',
    })
    bus.on(messageReceived, (msg) => { delivered.push(`broken:${msg.sessionId}`) }, {
      id: 'broken',
      accepts: () => { throw new Error('bad filter') },
    })
    bus.onAny((name) => { delivered.push(`any:${name}`) }, {
      id: 'any',
      accepts: (name) => name !== 'message.received',
    })
    await bus.emit(messageReceived, message('c1', 'x', 's1'))
    await bus.emit(messageReceived, message('c1', 'x', 's2'))
    await bus.idle()
    expect(delivered).toEqual(['s1-only:s1'])
    expect(await metric(registry, 'waqtor_bus_handler_errors_total', { handler: 'broken' })).toBe(2)
  })

  it('delivers every event to onAny with its name and the intercepted payload', async () => {
    const { bus } = createBus()
    const seen: Array<[string, object]> = []
    bus.onAny((name, payload) => { seen.push([name, payload]) }, { id: 'webhooks' })
    bus.intercept(messageReceived, (msg) => ({ ...msg, body: '[redacted]' }), { id: 'redact' })
    const custom = defineEvent<{ sessionId: string; n: number }>('test-plugin.thing.happened')
    await bus.emit(messageReceived, message('c1', 'secret'))
    await bus.emit(custom, { sessionId: 's1', n: 7 })
    await bus.idle()
    // Different ordering keys ('s1:c1' and 's1:*') may finish in either order.
    expect(seen).toHaveLength(2)
    expect(seen).toContainEqual(['message.received', expect.objectContaining({ body: '[redacted]' })])
    expect(seen).toContainEqual(['test-plugin.thing.happened', { sessionId: 's1', n: 7 }])
  })

  it('stops delivering to a disposed handler; disposing twice is harmless', async () => {
    const { bus } = createBus()
    const seen: string[] = []
    const disposeOn = bus.on(messageReceived, () => { seen.push('on') }, { id: 'on' })
    const disposeAny = bus.onAny(() => { seen.push('any') }, { id: 'any' })
    const disposeIntercept = bus.intercept(messageReceived, () => null, { id: 'drop-all' })
    bus.on(messageReceived, () => { seen.push('kept') }, { id: 'kept' })
    expect(bus.stats()).toMatchObject({ handlers: 3, interceptors: 1 })

    disposeIntercept()
    disposeOn()
    disposeOn()
    disposeAny()
    disposeAny()
    expect(bus.stats()).toMatchObject({ handlers: 1, interceptors: 0 })
    await bus.emit(messageReceived, message('c1', 'x'))
    await bus.idle()
    expect(seen).toEqual(['kept'])
  })
})

describe('EventBus interceptors', () => {
  it('run before handlers by order (ties in registration order), each seeing the previous result', async () => {
    const { bus } = createBus()
    const append = (tag: string) => (msg: MessageEventPayload) => ({ ...msg, body: `${msg.body}>${tag}` })
    bus.intercept(messageReceived, append('late'), { id: 'late', order: 10 })
    bus.intercept(messageReceived, append('zero-a'), { id: 'zero-a' })
    bus.intercept(messageReceived, append('early'), { id: 'early', order: -5 })
    bus.intercept(messageReceived, () => undefined, { id: 'observer', order: 5 })
    bus.intercept(messageReceived, append('zero-b'), { id: 'zero-b', order: 0 })
    const bodies: string[] = []
    bus.on(messageReceived, (msg) => { bodies.push(msg.body) }, { id: 'h' })
    await bus.emit(messageReceived, message('c1', 'in'))
    await bus.idle()
    expect(bodies).toEqual(['in>early>zero-a>zero-b>late'])
  })

  it('drop the event when one returns null: later interceptors and all handlers never see it', async () => {
    const { bus, registry } = createBus()
    const seen: string[] = []
    bus.intercept(messageReceived, (msg) => (msg.from === 'opted-out' ? null : undefined), { id: 'gdpr.opt-out' })
    bus.intercept(messageReceived, () => { seen.push('later interceptor') }, { id: 'later', order: 1 })
    bus.on(messageReceived, (msg) => { seen.push(`on:${msg.from}`) }, { id: 'h' })
    bus.onAny(() => { seen.push('any') }, { id: 'any' })
    await bus.emit(messageReceived, message('opted-out', 'x'))
    await bus.idle()
    expect(seen).toEqual([])
    const dropped = { event: 'message.received', interceptor: 'gdpr.opt-out' }
    expect(await metric(registry, 'waqtor_bus_events_dropped_total', dropped)).toBe(1)

    await bus.emit(messageReceived, message('someone', 'x'))
    await bus.idle()
    expect(seen).toEqual(['later interceptor', 'on:someone', 'any'])
  })

  it("let the event through unchanged when one fails with onError 'pass' (the default)", async () => {
    const { bus, registry } = createBus()
    const bodies: string[] = []
    bus.intercept(messageReceived, () => { throw new Error('enrichment down') }, { id: 'enrich' })
    bus.on(messageReceived, (msg) => { bodies.push(msg.body) }, { id: 'h' })
    await bus.emit(messageReceived, message('c1', 'original'))
    await bus.idle()
    expect(bodies).toEqual(['original'])
    expect(await metric(registry, 'waqtor_bus_handler_errors_total', { handler: 'enrich' })).toBe(1)
    expect(await metric(registry, 'waqtor_bus_events_dropped_total')).toBe(0)
  })

  it("fail closed with onError 'drop', also when their accepts filter throws", async () => {
    const { bus, registry } = createBus()
    const bodies: string[] = []
    bus.intercept(messageReceived, async (msg) => {
      if (msg.body === 'fail') throw new Error('privacy check down')
      return undefined
    }, { id: 'privacy', onError: 'drop' })
    bus.intercept(messageReceived, () => undefined, {
      id: 'privacy-filter', onError: 'drop',
      accepts: (msg) => { if (msg.body === 'bad-filter') throw new Error('filter down'); return true },
    })
    bus.on(messageReceived, (msg) => { bodies.push(msg.body) }, { id: 'h' })
    for (const body of ['fail', 'bad-filter', 'fine']) await bus.emit(messageReceived, message('c1', body))
    await bus.idle()
    expect(bodies).toEqual(['fine'])
    expect(await metric(registry, 'waqtor_bus_events_dropped_total', { interceptor: 'privacy' })).toBe(1)
    expect(await metric(registry, 'waqtor_bus_events_dropped_total', { interceptor: 'privacy-filter' })).toBe(1)
    expect(await metric(registry, 'waqtor_bus_handler_errors_total')).toBe(2)
  })

  it('are skipped for events their accepts filter refuses', async () => {
    const { bus } = createBus()
    const bodies: string[] = []
    bus.intercept(messageReceived, () => null, { id: 'drop-s2', accepts: (msg) => msg.sessionId === 's2' })
    bus.on(messageReceived, (msg) => { bodies.push(msg.sessionId) }, { id: 'h' })
    await bus.emit(messageReceived, message('c1', 'x', 's1'))
    await bus.emit(messageReceived, message('c1', 'x', 's2'))
    await bus.idle()
    expect(bodies).toEqual(['s1'])
  })
})

describe('EventBus queue', () => {
  it('handles the events of one chat strictly in order, even with handlers of random delays', async () => {
    const { bus } = createBus()
    let seed = 42
    const sleep = (): Promise<void> => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return new Promise((resolve) => setTimeout(resolve, seed % 4))
    }
    const log: string[] = []
    const record = (msg: MessageEventPayload, step: string): void => {
      log.push(`${msg.chatId}|${msg.body}:${step}`)
    }
    bus.intercept(messageReceived, async (msg) => {
      record(msg, 'intercept-start')
      await sleep()
      record(msg, 'intercept-end')
    }, { id: 'i' })
    for (const id of ['h1', 'h2', 'h3']) {
      bus.on(messageReceived, async (msg) => {
        record(msg, 'start')
        await sleep()
        record(msg, 'end')
      }, { id })
    }
    const sent = Array.from({ length: 15 }, (_, i) => String(i))
    for (const body of sent) {
      await bus.emit(messageReceived, message('A', body))
      await bus.emit(messageReceived, message('B', body))
    }
    await bus.idle()

    // Each event: its interceptor, then its three handlers together, all done before the next starts.
    const expected = sent.flatMap((i) => [
      `${i}:intercept-start`, `${i}:intercept-end`,
      `${i}:start`, `${i}:start`, `${i}:start`, `${i}:end`, `${i}:end`, `${i}:end`,
    ])
    for (const chat of ['A', 'B']) {
      const steps = log.filter((entry) => entry.startsWith(`${chat}|`)).map((entry) => entry.slice(chat.length + 1))
      expect(steps).toEqual(expected)
    }
  })

  it('runs different chats concurrently: a blocked chat does not hold up another', async () => {
    const { bus } = createBus()
    const gate = deferred()
    const bHandled = deferred()
    const log: string[] = []
    bus.on(messageReceived, async (msg) => {
      log.push(`start ${msg.chatId}${msg.body}`)
      if (msg.chatId === 'A' && msg.body === '1') await gate.promise
      if (msg.chatId === 'B') bHandled.resolve()
      log.push(`end ${msg.chatId}${msg.body}`)
    }, { id: 'h' })
    await bus.emit(messageReceived, message('A', '1'))
    await bus.emit(messageReceived, message('A', '2'))
    await bus.emit(messageReceived, message('B', '1'))
    await bHandled.promise
    await flush()
    expect(log).toEqual(['start A1', 'start B1', 'end B1'])
    expect(bus.stats()).toMatchObject({ running: 1, queued: 1, keys: 1 })

    gate.resolve()
    await bus.idle()
    expect(log.slice(3)).toEqual(['end A1', 'start A2', 'end A2'])
  })

  it('applies backpressure when full: emit stays pending until a slot frees up', async () => {
    const { logger, lines } = captureLogger()
    const { bus, registry } = createBus({ logger, maxQueued: 2 })
    const gate = deferred()
    const handled: string[] = []
    bus.on(messageReceived, async (msg) => { await gate.promise; handled.push(msg.chatId) }, { id: 'blocked' })
    await bus.emit(messageReceived, message('c1', 'x'))
    await bus.emit(messageReceived, message('c2', 'x'))
    expect(await metric(registry, 'waqtor_bus_queue_depth')).toBe(2)

    let thirdAccepted = false
    let fourthAccepted = false
    const third = bus.emit(messageReceived, message('c3', 'x')).then(() => { thirdAccepted = true })
    const fourth = bus.emit(messageReceived, message('c4', 'x')).then(() => { fourthAccepted = true })
    await flush()
    await flush()
    expect([thirdAccepted, fourthAccepted]).toEqual([false, false])
    expect(await metric(registry, 'waqtor_bus_backpressure_waits_total')).toBe(2)
    expect(lines.filter((line) => line.level === 40 && String(line.msg).includes('backpressure'))).toHaveLength(1)

    gate.resolve()
    await Promise.all([third, fourth])
    await bus.idle()
    expect(handled.sort()).toEqual(['c1', 'c2', 'c3', 'c4'])
    expect(await metric(registry, 'waqtor_bus_queue_depth')).toBe(0)
  })

  it('moves on past a handler that does not settle within handlerTimeoutMs, counting it as an error', async () => {
    const { logger, lines } = captureLogger()
    const { bus, registry } = createBus({ logger, handlerTimeoutMs: 50 })
    const handled: string[] = []
    bus.on(messageReceived, (msg) => (msg.body === 'hang' ? new Promise(() => {}) : undefined), { id: 'hangs' })
    bus.on(messageReceived, (msg) => { handled.push(msg.body) }, { id: 'fine' })
    await bus.emit(messageReceived, message('c1', 'hang'))
    await bus.emit(messageReceived, message('c1', 'next'))
    await bus.idle()
    expect(handled).toEqual(['hang', 'next'])
    expect(await metric(registry, 'waqtor_bus_handler_errors_total', { handler: 'hangs' })).toBe(1)
    expect(lines).toContainEqual(expect.objectContaining({ handler: 'hangs', msg: expect.stringContaining('timed out') }))
  })

  it('forgets per-chat queues once idle, so memory does not grow with the number of chats', async () => {
    const { bus } = createBus()
    const gate = deferred()
    bus.on(messageReceived, () => gate.promise, { id: 'h' })
    for (let i = 0; i < 100; i++) await bus.emit(messageReceived, message(`chat-${i}`, 'x'))
    expect(bus.stats().keys).toBe(100)
    gate.resolve()
    await bus.idle()
    expect(bus.stats()).toMatchObject({ keys: 0, queued: 0, running: 0 })
  })

  it('counts events nobody listens to without queuing them', async () => {
    const { bus, registry } = createBus()
    await bus.emit(messageReceived, message('c1', 'x'))
    expect(bus.stats()).toMatchObject({ keys: 0, queued: 0 })
    expect(await metric(registry, 'waqtor_bus_events_emitted_total', { event: 'message.received' })).toBe(1)
  })
})

describe('EventBus close', () => {
  it('refuses new events after close and reports whether the queue drained', async () => {
    const { bus } = createBus()
    const handled: string[] = []
    bus.on(messageReceived, async (msg) => { await flush(); handled.push(msg.body) }, { id: 'h' })
    await bus.emit(messageReceived, message('c1', 'before'))
    expect(await bus.close(1000)).toBe(true)
    expect(handled).toEqual(['before'])
    await expect(bus.emit(messageReceived, message('c1', 'after'))).rejects.toThrow(/bus is closed/)
  })

  it('returns false when the queue does not drain in time, and refuses producers waiting for room', async () => {
    const { bus } = createBus({ maxQueued: 1 })
    const gate = deferred()
    bus.on(messageReceived, () => gate.promise, { id: 'blocked' })
    await bus.emit(messageReceived, message('c1', 'x'))
    const waiting = bus.emit(messageReceived, message('c2', 'x')).then(() => 'accepted', (err: Error) => err.message)
    await flush()
    expect(await bus.close(20)).toBe(false)
    expect(await waiting).toMatch(/bus is closed/)
    gate.resolve()
    expect(await bus.close(1000)).toBe(true)
  })
})

describe('EventBus types', () => {
  it('ties payloads to their event at compile time', async () => {
    const { bus } = createBus()
    const status = { sessionId: 's1', status: 'ready', previous: null, error: null } as const
    // @ts-expect-error a session.status payload is not a message
    await expect(bus.emit(messageReceived, status)).resolves.toBeUndefined()
    // @ts-expect-error ackName does not exist on a message payload
    bus.on(messageReceived, (msg) => msg.ackName, { id: 'typed' })
    expect(() => createBus({ maxQueued: 0 })).toThrow(/maxQueued/)
  })
})
