import type { Contact } from '../db/entities/index.ts'
import type { ContactChanges } from './contact-events.ts'

export interface ContactPatch {
  name?: string | null | undefined
  tags?: string[] | undefined
  optedOut?: boolean | undefined
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
  return changes
}
