import { defineStore } from 'pinia'
import { ref } from 'vue'
import { directionOf, localeStorageKey, type Locale } from '../i18n/locales.ts'
import { useConsentStore } from './consent-store.ts'

type LocaleListener = (locale: Locale) => void

/** The panel's language: applied to vue-i18n, PrimeVue, <html lang dir>, and remembered. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>('en')
  const listeners: LocaleListener[] = []

  function onChange(listener: LocaleListener): void {
    listeners.push(listener)
  }

  function setLocale(next: Locale): void {
    locale.value = next
    document.documentElement.lang = next
    document.documentElement.dir = directionOf(next)
    try {
      // Remembering the language is a preference, not a necessity: it is written only once the
      // user accepted preference storage (the consent store writes it then, and clears it on refusal).
      if (useConsentStore().hasConsent('preferences')) localStorage.setItem(localeStorageKey, next)
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    for (const listener of listeners) listener(next)
  }

  return { locale, setLocale, onChange }
})
