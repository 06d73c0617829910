import type { SandboxDriver } from './sandbox-driver.ts'

export interface SandboxTiming {
  /** Delays after sending at which a message reaches server (1), device (2), read (3), played (4). */
  ackDelaysMs: [number, number, number, number]
  /** How often the QR code of a session waiting to be linked changes. */
  qrRotateMs: number
}

/**
 * The simulated WhatsApp network of one kernel: sandbox sessions by number. A message to a number
 * held by another sandbox session is delivered to it; any other number is a simulated contact.
 */
export class SandboxNetwork {
  private readonly byPhone = new Map<string, SandboxDriver>()

  constructor(readonly timing: SandboxTiming) {}

  attach(phone: string, driver: SandboxDriver): void {
    const holder = this.byPhone.get(phone)
    if (holder && holder !== driver) throw new Error(`sandbox number ${phone} is already online`)
    this.byPhone.set(phone, driver)
  }

  detach(phone: string, driver: SandboxDriver): void {
    if (this.byPhone.get(phone) === driver) this.byPhone.delete(phone)
  }

  find(phone: string): SandboxDriver | undefined {
    return this.byPhone.get(phone)
  }
}

/** A stable, plausible number for a sandbox session: 1 555 01 followed by digits from its id. */
export function sandboxPhoneFor(clientId: string): string {
  let hash = 2166136261
  for (const char of clientId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0
  return `155501${String(hash % 100_000).padStart(5, '0')}`
}
