import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { localeStorageKey } from '../i18n/locales.ts'
import { useLocaleStore } from './locale-store.ts'

/**
 * What the panel may store in the browser beyond what it needs to work:
 * - `necessary`: the httpOnly login cookie and the record of this very choice. Always on.
 * - `preferences`: remembering the language the user picked (`waqtor.locale`).
 * - `analytics`: WaQtor itself measures nothing; a plugin that wants to must ask `hasConsent('analytics')`.
 */
export type ConsentCategory = 'necessary' | 'preferences' | 'analytics'
export type OptionalConsentCategory = Exclude<ConsentCategory, 'necessary'>
export type ConsentChoices = Record<OptionalConsentCategory, boolean>

export const consentStorageKey = 'waqtor.consent'
/** Raise when the categories or what they cover change: everyone is asked again. */
export const consentVersion = 1

export interface StoredConsent {
  version: number
  /** ISO date and time of the choice. */
  decidedAt: string
  choices: ConsentChoices
}

function readStoredConsent(): StoredConsent | null {
  try {
    const raw = localStorage.getItem(consentStorageKey)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<StoredConsent>
    if (parsed.version !== consentVersion || typeof parsed.decidedAt !== 'string' || !parsed.choices) return null
    return { version: consentVersion, decidedAt: parsed.decidedAt, choices: { preferences: parsed.choices.preferences === true, analytics: parsed.choices.analytics === true } }
  } catch {
    return null
  }
}

/** The visitor's cookie and storage choice, remembered in localStorage with its version and time. */
export const useConsentStore = defineStore('consent', () => {
  const decision = ref<StoredConsent | null>(readStoredConsent())
  /** The preferences dialog is open (from the banner or a "Cookie preferences" link). */
  const preferencesOpen = ref(false)
  const decided = computed(() => decision.value !== null)

  /** Whether a category is allowed now. Before a choice only strictly necessary storage is. */
  function hasConsent(category: ConsentCategory): boolean {
    if (category === 'necessary') return true
    return decision.value?.choices[category] ?? false
  }

  function save(choices: ConsentChoices): void {
    const next: StoredConsent = { version: consentVersion, decidedAt: new Date().toISOString(), choices: { ...choices } }
    decision.value = next
    preferencesOpen.value = false
    try {
      // Recording the choice is strictly necessary: without it the banner would come back on every page.
      localStorage.setItem(consentStorageKey, JSON.stringify(next))
      if (choices.preferences) localStorage.setItem(localeStorageKey, useLocaleStore().locale)
      else localStorage.removeItem(localeStorageKey)
    } catch {
      // Storage is unavailable (private mode): the choice holds for this page only.
    }
  }

  function acceptAll(): void {
    save({ preferences: true, analytics: true })
  }

  function rejectNonEssential(): void {
    save({ preferences: false, analytics: false })
  }

  function openPreferences(): void {
    preferencesOpen.value = true
  }

  function closePreferences(): void {
    preferencesOpen.value = false
  }

  return { decision, decided, preferencesOpen, hasConsent, save, acceptAll, rejectNonEssential, openPreferences, closePreferences }
})

/** Opens the cookie preferences dialog, e.g. from a "Cookie preferences" link. */
export function openConsentPreferences(): void {
  useConsentStore().openPreferences()
}
