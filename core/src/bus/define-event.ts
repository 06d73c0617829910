/**
 * A typed reference to an event. Plugins import the reference rather than a bare string, so the
 * payload type travels with the name and a typo is a compile error, not a silent no-op.
 */
export interface EventDefinition<T extends object> {
  readonly name: string
  /** Phantom field: never set at runtime, it only carries the payload type. */
  readonly __payload?: T
}

/** `<owner>.<noun>.<verb>`: lowercase kebab-case segments, at least two, separated by dots. */
const EVENT_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/

export function defineEvent<T extends object>(name: string): EventDefinition<T> {
  if (typeof name !== 'string' || !EVENT_NAME.test(name)) {
    throw new Error(
      `Invalid event name ${JSON.stringify(name)}: expected lowercase dot-separated segments ` +
        `with at least two parts, e.g. "message.ack" or "real-estate.lead.qualified"`,
    )
  }
  return Object.freeze({ name })
}

/** The payload type carried by an event reference: `EventPayload<typeof messageAck>`. */
export type EventPayload<E> = E extends EventDefinition<infer T> ? T : never
