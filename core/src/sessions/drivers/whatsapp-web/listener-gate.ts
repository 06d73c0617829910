import type { DriverListener } from '../driver-contract.ts'

/**
 * Sits between the event normalizer and the session manager. Events pass only while the gate is open:
 * from start until stop or the first disconnect / auth failure, after which whatsapp-web.js often adds
 * more (a browser close, a QR after a logout) that would make the manager react twice.
 */
export class ListenerGate {
  private open = false
  private connected = false
  readonly listener: DriverListener

  constructor(target: DriverListener) {
    const whileOpen =
      <A extends unknown[]>(forward: (...args: A) => void) =>
      (...args: A) => {
        if (this.open) forward(...args)
      }
    const terminal = (forward: (text: string) => void) =>
      whileOpen((text: string) => {
        this.close()
        forward(text)
      })
    this.listener = {
      qr: whileOpen((qr) => target.qr(qr)),
      authenticated: whileOpen(() => target.authenticated()),
      ready: whileOpen((info) => {
        this.connected = true
        target.ready(info)
      }),
      message: whileOpen((message) => target.message(message)),
      ack: whileOpen((update) => target.ack(update)),
      disconnected: terminal((reason) => target.disconnected(reason)),
      authFailure: terminal((message) => target.authFailure(message)),
    }
  }

  get isOpen(): boolean {
    return this.open
  }

  /** Ready (logged in and synced) and not disconnected since. */
  get isReady(): boolean {
    return this.open && this.connected
  }

  reopen(): void {
    this.open = true
    this.connected = false
  }

  close(): void {
    this.open = false
    this.connected = false
  }
}
