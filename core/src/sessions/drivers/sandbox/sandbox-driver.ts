import type { AckValue, DriverContext, NormalizedMessage, OutgoingContent, SendOptions, SessionDriver } from '../driver-contract.ts'
import { ackLevels, DriverError } from '../driver-contract.ts'
import { chatIdOf, messageId, newMessageKey, phoneOf } from './sandbox-ids.ts'
import { readSandboxLink, writeSandboxLink } from './sandbox-link.ts'
import { sandboxPhoneFor, type SandboxNetwork } from './sandbox-network.ts'
import { SandboxQrPrompt } from './sandbox-qr-prompt.ts'

const playable = new Set(['voice', 'audio', 'video'])

/** Failures an operator or a test can inject into a running sandbox session. */
export interface SandboxFailures {
  /** The next N sends get ACK -1 (error) instead of progressing. */
  failNextSends?: number
}

/**
 * A WhatsApp account simulated in process. Same contract and events as the whatsapp-web driver:
 * ready at once (or, if created to link with a QR code, once the QR is scanned), sends progress
 * pending -> server -> device -> read (-> played) on the network's delays, messages to another
 * sandbox session's number arrive there as inbound messages.
 */
export class SandboxDriver implements SessionDriver {
  readonly kind = 'sandbox'
  readonly phone: string
  private online = false
  private stopped = false
  /** Set while the session waits for its QR code to be scanned. */
  private qrPrompt: SandboxQrPrompt | undefined
  private failNextSends = 0
  private readonly timers = new Set<NodeJS.Timeout>()
  /** Message ids this account knows (sent or received), for reactions. */
  private readonly known = new Map<string, string>()

  constructor(
    private readonly context: DriverContext,
    private readonly network: SandboxNetwork,
  ) {
    this.phone = context.phone ?? sandboxPhoneFor(context.sessionId)
  }

  async start(): Promise<void> {
    const link = await readSandboxLink(this.context.sessionDir)
    if (this.stopped) return
    if (link && !link.linked) {
      this.qrPrompt = new SandboxQrPrompt(this.network.timing.qrRotateMs, (qr) => this.context.listener.qr(qr))
      this.qrPrompt.start()
      return
    }
    this.connect()
  }

  /** Whether a QR code is on show, waiting for `scanQr()`. */
  get awaitingScan(): boolean {
    return this.qrPrompt?.showing === true
  }

  /** What a phone scanning the QR code does: links the account for good, then it connects. */
  async scanQr(): Promise<void> {
    if (!this.qrPrompt?.showing) throw new DriverError('DRIVER_NO_QR_PENDING', 'the sandbox session shows no QR code to scan')
    this.qrPrompt.stop()
    this.qrPrompt = undefined
    await writeSandboxLink(this.context.sessionDir, { linked: true, linkedAt: new Date().toISOString() })
    if (!this.stopped) this.connect()
  }

  private connect(): void {
    this.network.attach(this.phone, this)
    this.online = true
    // Reported at once: the manager queues them, so callers can wait for "ready" deterministically.
    this.context.listener.authenticated()
    this.context.listener.ready({ phone: this.phone })
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.qrPrompt?.stop()
    this.qrPrompt = undefined
    this.online = false
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.network.detach(this.phone, this)
  }

  /** A session that links with a QR code needs a new scan after a logout; one that links by itself does not. */
  async logout(): Promise<void> {
    await this.stop()
    if (await readSandboxLink(this.context.sessionDir)) await writeSandboxLink(this.context.sessionDir, { linked: false, linkedAt: null })
  }

  async requestPairingCode(phone: string): Promise<string> {
    this.assertOnline()
    if (!/^\d{7,15}$/.test(phone)) throw new DriverError('DRIVER_BAD_PHONE', `cannot pair ${phone}`)
    // Eight characters, as WhatsApp's own pairing codes.
    return newMessageKey().slice(4, 12)
  }

  async send(chatId: string, content: OutgoingContent, options: SendOptions): Promise<NormalizedMessage> {
    this.assertOnline()
    const key = newMessageKey()
    const message = this.outgoing(chatId, content, key, options.quotedMessageId ?? null)
    this.known.set(message.id, chatId)
    const failing = this.failNextSends > 0
    if (failing) this.failNextSends--
    this.progress(message, failing)
    return message
  }

  async react(messageId: string, emoji: string): Promise<void> {
    this.assertOnline()
    const chatId = this.known.get(messageId)
    if (!chatId) throw new DriverError('DRIVER_MESSAGE_NOT_FOUND', `message ${messageId} is not known to this session`)
    const peer = this.network.find(phoneOf(chatId))
    if (peer && peer !== this) peer.receive(this.reactionFor(chatId, messageId, emoji))
  }

  async resourceUsage(): Promise<null> {
    return null
  }

  /** Simulates an inbound message from any number (the demo's and tests' way to "receive"). */
  inject(from: string, text: string): NormalizedMessage {
    this.assertOnline()
    const fromChat = chatIdOf(from)
    const inbound: NormalizedMessage = {
      ...this.baseMessage(messageId(false, fromChat, newMessageKey()), fromChat, fromChat, chatIdOf(this.phone), false),
      body: text,
    }
    this.receive(inbound)
    return inbound
  }

  injectFailures(failures: SandboxFailures): void {
    this.failNextSends += failures.failNextSends ?? 0
  }

  /** Drops the connection as WhatsApp would; the session manager reconnects. */
  simulateDisconnect(reason: string): void {
    this.online = false
    this.network.detach(this.phone, this)
    this.context.listener.disconnected(reason)
  }

  /** Delivery from the network. */
  receive(message: NormalizedMessage): void {
    if (!this.online) return
    this.known.set(message.id, message.chatId)
    this.context.listener.message(message)
  }

  private progress(message: NormalizedMessage, failing: boolean): void {
    const [server, device, read, played] = this.network.timing.ackDelaysMs
    if (failing) {
      this.later(server, () => this.ack(message, ackLevels.error))
      return
    }
    const peer = this.network.find(phoneOf(message.chatId))
    const steps: Array<{ atMs: number; run: () => void }> = [
      { atMs: server, run: () => this.ack(message, ackLevels.server) },
      {
        atMs: device,
        run: () => {
          if (peer && peer !== this) peer.receive(this.mirrored(message))
          this.ack(message, ackLevels.device)
        },
      },
      { atMs: read, run: () => this.ack(message, ackLevels.read) },
    ]
    if (playable.has(message.type)) steps.push({ atMs: played, run: () => this.ack(message, ackLevels.played) })
    this.inOrder(steps, Date.now())
  }

  /**
   * Runs the steps at their offsets from `startedAt`, each only after the one before: timers of
   * different delays are not ordered by Node when the event loop lags, and ACKs must not overtake.
   */
  private inOrder(steps: Array<{ atMs: number; run: () => void }>, startedAt: number): void {
    const [step, ...rest] = steps
    if (!step) return
    this.later(Math.max(0, startedAt + step.atMs - Date.now()), () => {
      step.run()
      this.inOrder(rest, startedAt)
    })
  }

  private ack(message: NormalizedMessage, ack: AckValue): void {
    if (this.online) this.context.listener.ack({ messageId: message.id, chatId: message.chatId, ack })
  }

  /** The same message as the receiving sandbox session sees it. */
  private mirrored(message: NormalizedMessage): NormalizedMessage {
    const key = message.id.split('_').at(-1) ?? newMessageKey()
    const ownChat = chatIdOf(this.phone)
    return { ...message, id: messageId(false, ownChat, key), chatId: ownChat, from: ownChat, to: message.chatId, fromMe: false, ack: ackLevels.device, senderName: `Sandbox ${this.phone}` }
  }

  private outgoing(chatId: string, content: OutgoingContent, key: string, quoted: string | null): NormalizedMessage {
    const message = this.baseMessage(messageId(true, chatId, key), chatId, chatIdOf(this.phone), chatId, true)
    message.quotedMessageId = quoted
    if (content.type === 'text') return { ...message, body: content.text }
    if (content.type === 'location') {
      return { ...message, type: 'location', body: content.description ?? '', location: { latitude: content.latitude, longitude: content.longitude, description: content.description } }
    }
    const size = Buffer.byteLength(content.media.data, 'base64')
    return { ...message, type: content.type, body: content.caption ?? '', media: { mimetype: content.media.mimetype, filename: content.media.filename, size } }
  }

  private reactionFor(chatId: string, reactedId: string, emoji: string): NormalizedMessage {
    const ownChat = chatIdOf(this.phone)
    return { ...this.baseMessage(messageId(false, ownChat, newMessageKey()), ownChat, ownChat, chatId, false), type: 'reaction', body: emoji, quotedMessageId: reactedId }
  }

  private baseMessage(id: string, chatId: string, from: string, to: string, fromMe: boolean): NormalizedMessage {
    return { id, chatId, from, to, fromMe, type: 'text', body: '', timestamp: new Date(), ack: ackLevels.pending, media: null, quotedMessageId: null, location: null, senderName: fromMe ? null : `Sandbox ${phoneOf(from)}` }
  }

  private later(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      action()
    }, delayMs)
    this.timers.add(timer)
  }

  private assertOnline(): void {
    if (!this.online) throw new DriverError('DRIVER_NOT_READY', 'the sandbox session is not connected')
  }
}
