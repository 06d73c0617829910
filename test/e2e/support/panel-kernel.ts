import { createTestKernel, type TestKernel } from '@waqtor/core/testing'
import { contactCounterDir } from './e2e-paths.ts'

/**
 * Sandbox timings for browser tests: each ACK step a few hundred milliseconds apart, so the panel
 * renders every step on its own (the tests watch the icon change), and a QR code that changes
 * quickly enough to see it rotate.
 */
export const e2eSandboxTiming = {
  sandboxAckDelaysMs: [250, 600, 1_000, 1_400],
  sandboxQrRotateMs: 700,
}

export interface PanelKernelOptions {
  /** More plugin folders, besides the example contact-counter plugin. */
  pluginDirs?: string[]
  config?: Record<string, unknown>
}

/**
 * A real kernel serving the built panel, with the repository's plugins (webhooks) and the example
 * contact-counter plugin. Login and request limits are lifted: a test file logs in many times.
 */
export function startPanelKernel(options: PanelKernelOptions = {}): Promise<TestKernel> {
  return createTestKernel({
    adminPanel: true,
    builtinPlugins: true,
    pluginDirs: [contactCounterDir, ...(options.pluginDirs ?? [])],
    config: {
      ...e2eSandboxTiming,
      loginRateLimitPerMinute: 10_000,
      rateLimitPerMinute: 1_000_000,
      ...options.config,
    },
  })
}
