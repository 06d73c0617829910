import type { PrivacySubject } from './privacy-subject.ts'

/** Counts per section (table, kind of record) of what an erase removed or anonymized. */
export interface EraseCounts {
  deleted?: Record<string, number>
  anonymized?: Record<string, number>
  /** Records linked to the subject that stay on purpose (say why in your docs), e.g. API keys a user created. */
  kept?: Record<string, number>
}

/**
 * What a plugin registers with `plugin.privacy.register()`. Both run for every subject, whether or
 * not the plugin is on for the subject's session: data stays behind after a plugin is switched off.
 */
export interface PrivacyHooks {
  /** The subject's data the plugin holds, as JSON-serializable sections named by the plugin (`{ deliveries: [...] }`). */
  export(subject: PrivacySubject): Promise<Record<string, unknown>> | Record<string, unknown>
  /** Removes (or anonymizes, and says so) the plugin's data about the subject; returns counts per section. */
  erase(subject: PrivacySubject): Promise<EraseCounts> | EraseCounts
}

export interface PrivacyFailure {
  code: string
  message: string
}

export interface SubjectExport {
  subject: PrivacySubject
  exportedAt: string
  /** The kernel's own data about the subject. */
  core: Record<string, unknown>
  /** Each plugin's sections, by plugin id. */
  plugins: Record<string, Record<string, unknown>>
  /** Plugins whose hook threw or returned something unusable: their data is missing from this export. */
  failures: Record<string, PrivacyFailure>
  /** Plugins that declare personal data but have no hooks running (failed, disabled or not registered). */
  unavailable: string[]
}

export interface SubjectErasure {
  subject: PrivacySubject
  erasedAt: string
  core: EraseCounts
  plugins: Record<string, EraseCounts>
  failures: Record<string, PrivacyFailure>
  unavailable: string[]
}
