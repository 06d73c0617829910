import { z } from 'zod'
import type { WaqtorConfig } from '../../config/config-schema.ts'

/** How fast one session may send: at most `messagesPerMinute` in any 60 s, and a random pause between sends. */
export interface GovernorSettings {
  messagesPerMinute: number
  /** Shortest pause after a send before the next one, in ms. */
  jitterMinMs: number
  /** Longest pause; each pause is drawn at random between the two. */
  jitterMaxMs: number
}

/** A session's own settings: each field left out follows the defaults of the session's driver. */
export type GovernorOverride = Partial<GovernorSettings>

/** Defaults per driver: a real WhatsApp number is paced like a person; the simulated network is not. */
export interface GovernorDefaults {
  'whatsapp-web': GovernorSettings
  sandbox: GovernorSettings
}

export const governorLimits = { messagesPerMinute: { min: 1, max: 10_000 }, jitterMs: { min: 0, max: 600_000 } } as const

export const governorOverrideSchema = z
  .object({
    messagesPerMinute: z.number().int().min(governorLimits.messagesPerMinute.min).max(governorLimits.messagesPerMinute.max).optional(),
    jitterMinMs: z.number().int().min(governorLimits.jitterMs.min).max(governorLimits.jitterMs.max).optional(),
    jitterMaxMs: z.number().int().min(governorLimits.jitterMs.min).max(governorLimits.jitterMs.max).optional(),
  })
  .strict()
  .refine((value) => value.jitterMinMs === undefined || value.jitterMaxMs === undefined || value.jitterMaxMs >= value.jitterMinMs, {
    message: 'must not be less than jitterMinMs',
    path: ['jitterMaxMs'],
  })
  .describe('The session\'s sending governor for plugin sends; fields left out (or null for all) follow the defaults of its driver')

export const governorSettingsView = z.object({
  messagesPerMinute: z.number().int(),
  jitterMinMs: z.number().int(),
  jitterMaxMs: z.number().int(),
})

export function governorDefaultsFrom(config: WaqtorConfig): GovernorDefaults {
  return {
    'whatsapp-web': { messagesPerMinute: config.governorMessagesPerMinute, jitterMinMs: config.governorJitterMinMs, jitterMaxMs: Math.max(config.governorJitterMinMs, config.governorJitterMaxMs) },
    sandbox: { messagesPerMinute: config.governorSandboxMessagesPerMinute, jitterMinMs: 0, jitterMaxMs: 0 },
  }
}

/** The session's override over its driver's defaults; a pause range that ends below its start is closed up. */
export function effectiveGovernorSettings(defaults: GovernorDefaults, driver: string, override: GovernorOverride | null | undefined): GovernorSettings {
  const base = driver === 'sandbox' ? defaults.sandbox : defaults['whatsapp-web']
  const merged = { ...base, ...withoutUndefined(override ?? {}) }
  return { ...merged, jitterMaxMs: Math.max(merged.jitterMinMs, merged.jitterMaxMs) }
}

function withoutUndefined(value: GovernorOverride): GovernorOverride {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && field !== null))
}
