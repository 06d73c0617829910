import type { Contact } from '../db/entities/index.ts'
import type { ContactLocale } from '../db/entities/contact.ts'
import type { ContactChanges } from './contact-events.ts'

export interface ContactPatch {
  name?: string | null | undefined
  tags?: string[] | undefined
  optedOut?: boolean | undefined
  /** Sets the language (it sticks over detection); null clears it and detection resumes. */
  locale?: ContactLocale | null | undefined
}

/** Applies a patch to a contact and returns what really changed (an unchanged value is no change). */
export function applyContactPatch(contact: Contact, patch: ContactPatch, now: Date): ContactChanges {
  const changes: ContactChanges = {}
  if (patch.name !== undefined && patch.name !== (contact.name ?? null)) {
    contact.name = patch.name
    changes.name = patch.name
  }
  if (patch.tags !== undefined) {
    const tags = [...new Set(patch.tags)]
    if (JSON.stringify(tags) !== JSON.stringify(contact.tags)) {
      contact.tags = tags
      changes.tags = tags
    }
  }
  if (patch.optedOut !== undefined && patch.optedOut !== contact.optedOut) {
    contact.optedOut = patch.optedOut
    // When the person opted out matters (GDPR records); opting back in clears it.
    contact.optedOutAt = patch.optedOut ? now : null
    changes.optedOut = patch.optedOut
  }
  if (patch.locale !== undefined) {
    const source = patch.locale === null ? null : 'set'
    if (patch.locale !== (contact.locale ?? null) || source !== (contact.localeSource ?? null)) {
      contact.locale = patch.locale
      contact.localeSource = source
      changes.locale = patch.locale
    }
  }
  return changes
}
