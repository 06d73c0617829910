import { describe, expect, expectTypeOf, it } from 'vitest'
import { defineEvent, type EventPayload } from './define-event.ts'
import { coreEvents, type messageAck, type AckName } from './core-events.ts'

describe('defineEvent', () => {
  it('returns a frozen reference carrying the name', () => {
    const leadQualified = defineEvent<{ leadId: string }>('real-estate.lead.qualified')
    expect(leadQualified.name).toBe('real-estate.lead.qualified')
    expect(Object.isFrozen(leadQualified)).toBe(true)
  })

  it.each(['message.ack', 'a.b', 'gdpr.opt-out.recorded', 'x1.y2.z3'])('accepts %s', (name) => {
    expect(defineEvent(name).name).toBe(name)
  })

  it.each(['message', 'Message.ack', 'message..ack', 'message.ack.', '.message', '1x.y', 'a_b.c', 'a.-b', 'a b.c', ''])(
    'refuses %j and names it in the error',
    (name) => {
      expect(() => defineEvent(name)).toThrow(new RegExp(`Invalid event name ${JSON.stringify(name)}`))
    },
  )

  it('exposes the payload type to plugins', () => {
    expectTypeOf<EventPayload<typeof messageAck>>().toEqualTypeOf<{
      sessionId: string
      messageId: string
      chatId: string
      ack: number
      ackName: AckName
    }>()
    expectTypeOf<EventPayload<string>>().toBeNever()
  })

  it('lists every core event once, all valid names', () => {
    const names = coreEvents.map((event) => event.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toContain('message.received')
    expect(names).toContain('plugin.session.disabled')
  })
})
