import type { DriverContext, DriverKind, SessionDriver } from './drivers/driver-contract.ts'
import { SandboxDriver } from './drivers/sandbox/sandbox-driver.ts'
import type { SandboxNetwork } from './drivers/sandbox/sandbox-network.ts'

export type DriverFactory = (kind: DriverKind, context: DriverContext) => Promise<SessionDriver>

/** Builds drivers; whatsapp-web.js (and its Chromium) is only loaded when such a session starts. */
export function createDriverFactory(network: SandboxNetwork, options: { chromePath: string | undefined }): DriverFactory {
  return async (kind, context) => {
    if (kind === 'sandbox') return new SandboxDriver(context, network)
    const { createWhatsAppWebDriver } = await import('./drivers/whatsapp-web/index.ts')
    return createWhatsAppWebDriver(context, { chromePath: options.chromePath })
  }
}
