import type { DriverContext, NormalizedMessage, SessionDriver } from '../drivers/driver-contract.ts'
import { DriverError } from '../drivers/driver-contract.ts'

/** What a scripted driver does when started: connect, refuse to start, or be refused a login. */
export type StartOutcome = 'ready' | 'reject' | 'auth-failure'

/**
 * A driver whose start() follows a script, for supervisor tests (the sandbox cannot fail to start).
 * `contexts` keeps each driver's context, so a test can emit events as that driver.
 */
export class DriverScript {
  readonly contexts: DriverContext[] = []
  starts = 0
  /** Drivers started and not stopped since, by session. */
  readonly running = new Map<string, number>()

  constructor(
    private readonly outcomes: (attempt: number) => StartOutcome,
    readonly failure = 'Chromium crashed on launch',
  ) {}

  create(context: DriverContext): SessionDriver {
    this.contexts.push(context)
    const id = context.sessionId
    let started = false
    return {
      kind: 'whatsapp-web',
      start: async () => {
        const outcome = this.outcomes(++this.starts)
        if (outcome === 'reject') throw new DriverError('DRIVER_START_FAILED', this.failure)
        if (outcome === 'auth-failure') return context.listener.authFailure('device revoked on the phone')
        this.running.set(id, (this.running.get(id) ?? 0) + 1)
        started = true
        context.listener.authenticated()
        context.listener.ready({ phone: '15550003333' })
      },
      stop: async () => {
        if (started) this.running.set(id, (this.running.get(id) ?? 1) - 1)
        started = false
      },
      logout: async () => {},
      requestPairingCode: async () => 'ABCD-EFGH',
      send: async () => {
        throw new DriverError('DRIVER_NOT_READY', 'scripted drivers do not send')
      },
      react: async () => {},
      resourceUsage: async () => null,
    }
  }

  /** An inbound text as the latest driver would report it. */
  inbound(index: number): NormalizedMessage {
    const chatId = '15550004444@c.us'
    return { id: `false_${chatId}_SCRIPTED${index}`, chatId, from: chatId, to: '15550003333@c.us', fromMe: false, type: 'text', body: `inbound ${index}`, timestamp: new Date(), ack: 0, media: null, quotedMessageId: null, location: null, senderName: null }
  }

  get latest(): DriverContext {
    const context = this.contexts.at(-1)
    if (!context) throw new Error('no driver was created yet')
    return context
  }
}
