import { DOMWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { localeStorageKey } from '../i18n/locales.ts'
import { consentStorageKey, consentVersion, useConsentStore } from '../stores/consent-store.ts'
import { useLocaleStore } from '../stores/locale-store.ts'
import { flushPromises, mountPage } from '../testing/mount-page.ts'
import CookieConsent from './CookieConsent.vue'

function stored(): { version: number; decidedAt: string; choices: Record<string, boolean> } | null {
  const raw = localStorage.getItem(consentStorageKey)
  return raw ? JSON.parse(raw) : null
}

/** The dialog is teleported to <body>, outside the component's own element. */
function inDocument(selector: string): DOMWrapper<Element> {
  const element = document.body.querySelector(selector)
  if (!element) throw new Error(`${selector} is not in the document`)
  return new DOMWrapper(element)
}

describe('CookieConsent', () => {
  it('asks until the user accepts, then remembers the choice with its version and time', async () => {
    const { wrapper } = await mountPage(CookieConsent, { role: null })
    expect(wrapper.find('[data-testid=cookie-consent]').attributes('role')).toBe('region')
    await wrapper.find('[data-testid=consent-accept]').trigger('click')
    expect(wrapper.find('[data-testid=cookie-consent]').exists()).toBe(false)
    expect(stored()).toMatchObject({ version: consentVersion, choices: { preferences: true, analytics: true } })
    expect(Number.isNaN(Date.parse(stored()!.decidedAt))).toBe(false)
    wrapper.unmount()

    // A new visit (fresh stores) reads the remembered choice.
    const again = await mountPage(CookieConsent, { role: null })
    expect(again.wrapper.find('[data-testid=cookie-consent]').exists()).toBe(false)
    expect(useConsentStore().hasConsent('analytics')).toBe(true)
    again.wrapper.unmount()
  })

  it('remembers the language only once preferences are accepted', async () => {
    const { wrapper } = await mountPage(CookieConsent, { role: null })
    useLocaleStore().setLocale('ar')
    expect(localStorage.getItem(localeStorageKey)).toBeNull()
    await wrapper.find('[data-testid=consent-accept]').trigger('click')
    expect(localStorage.getItem(localeStorageKey)).toBe('ar')
    useLocaleStore().setLocale('en')
    expect(localStorage.getItem(localeStorageKey)).toBe('en')
    wrapper.unmount()
  })

  it('clears the stored language when non-essential storage is rejected, and stores no new one', async () => {
    localStorage.setItem(localeStorageKey, 'ar')
    const { wrapper } = await mountPage(CookieConsent, { role: null })
    await wrapper.find('[data-testid=consent-reject]').trigger('click')
    expect(wrapper.find('[data-testid=cookie-consent]').exists()).toBe(false)
    expect(localStorage.getItem(localeStorageKey)).toBeNull()
    expect(stored()?.choices).toEqual({ preferences: false, analytics: false })
    useLocaleStore().setLocale('ar')
    expect(localStorage.getItem(localeStorageKey)).toBeNull()
    expect(useConsentStore().hasConsent('necessary')).toBe(true)
    wrapper.unmount()
  })

  it('saves the categories chosen in the preferences dialog', async () => {
    const { wrapper } = await mountPage(CookieConsent, { role: null })
    await wrapper.find('[data-testid=consent-preferences]').trigger('click')
    await flushPromises()
    // Strictly necessary is always on and cannot be switched off; the others start off.
    expect((inDocument('#consent-necessary').element as HTMLInputElement).disabled).toBe(true)
    expect((inDocument('#consent-analytics').element as HTMLInputElement).checked).toBe(false)
    await inDocument('#consent-preferences').setValue(true)
    await inDocument('[data-testid=consent-save]').trigger('click')
    await flushPromises()
    expect(stored()?.choices).toEqual({ preferences: true, analytics: false })
    expect(useConsentStore().hasConsent('analytics')).toBe(false)
    expect(wrapper.find('[data-testid=cookie-consent]').exists()).toBe(false)
    expect(document.body.querySelector('[data-testid=consent-save]')).toBeNull()
    wrapper.unmount()
  })

  it('asks again when the stored choice is of an older version', async () => {
    localStorage.setItem(consentStorageKey, JSON.stringify({ version: consentVersion - 1, decidedAt: '2020-01-01T00:00:00Z', choices: { preferences: true, analytics: true } }))
    const { wrapper } = await mountPage(CookieConsent, { role: null })
    expect(wrapper.find('[data-testid=cookie-consent]').exists()).toBe(true)
    expect(useConsentStore().hasConsent('preferences')).toBe(false)
    wrapper.unmount()
  })
})
