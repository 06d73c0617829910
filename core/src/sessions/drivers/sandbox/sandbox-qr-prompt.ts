import { randomBytes } from 'node:crypto'

/**
 * The QR code of a sandbox session waiting to be linked: shown at once, then replaced by a new
 * value every `rotateMs`, as WhatsApp Web does, until it is scanned or the session stops.
 */
export class SandboxQrPrompt {
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly rotateMs: number,
    private readonly show: (qr: string) => void,
  ) {}

  get showing(): boolean {
    return this.timer !== undefined
  }

  start(): void {
    this.show(newQrValue())
    this.timer = setInterval(() => this.show(newQrValue()), this.rotateMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }
}

/** Shaped like WhatsApp Web's QR payload (`2@<ref>,<keys>`), marked as the sandbox's. */
function newQrValue(): string {
  return `2@${randomBytes(36).toString('base64')},${randomBytes(32).toString('base64')},sandbox`
}
