import type { DriverContext, SessionDriver } from '../driver-contract.ts'
import { WhatsAppWebDriver, type WhatsAppWebDriverOptions } from './whatsapp-web-driver.ts'

export { WhatsAppWebDriver, type WhatsAppWebDriverOptions }

/** The `whatsapp-web` driver: whatsapp-web.js with LocalAuth in the session's folder and a headless Chromium. */
export function createWhatsAppWebDriver(context: DriverContext, options: WhatsAppWebDriverOptions = {}): SessionDriver {
  return new WhatsAppWebDriver(context, options)
}
