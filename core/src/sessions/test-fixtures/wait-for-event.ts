import type { EventBus } from '../../bus/event-bus.ts'
import type { EventDefinition } from '../../bus/define-event.ts'

let listeners = 0

/** Every payload of `event` that passes `accepts`, from now until `dispose()`. */
export function recordEvents<T extends object>(bus: EventBus, event: EventDefinition<T>, accepts: (payload: T) => boolean = () => true): { events: T[]; dispose: () => void } {
  const events: T[] = []
  const dispose = bus.on(event, (payload) => void events.push(payload), { id: `test.record.${++listeners}`, accepts })
  return { events, dispose }
}

/**
 * Resolves with the first payload of `event` that matches, or rejects after `timeoutMs` naming what
 * it waited for. Subscribe before triggering the action, then await the promise.
 */
export function waitForEvent<T extends object>(bus: EventBus, event: EventDefinition<T>, matches: (payload: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      dispose()
      reject(new Error(`no ${event.name} event matching ${matches.toString()} within ${timeoutMs} ms`))
    }, timeoutMs)
    const dispose = bus.on(
      event,
      (payload) => {
        clearTimeout(timer)
        dispose()
        resolve(payload)
      },
      { id: `test.wait.${++listeners}`, accepts: matches },
    )
  })
}

/** Polls `read` until `done` holds for its value; rejects with the last value after `timeoutMs`. */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
