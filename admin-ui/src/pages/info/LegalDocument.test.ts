import { afterEach, describe, expect, it } from 'vitest'
import { mountPage } from '../../testing/mount-page.ts'
import { useConsentStore } from '../../stores/consent-store.ts'
import { defaultLegalDocuments, replaceLegalDocument, restoreLegalDocument } from './legal/legal-documents.ts'
import PrivacyPage from './PrivacyPage.vue'
import TermsPage from './TermsPage.vue'

describe('legal pages', () => {
  afterEach(() => restoreLegalDocument('privacy'))

  it('shows every section of the privacy policy with its effective date, in Arabic too', async () => {
    const { wrapper } = await mountPage(PrivacyPage, { role: null, locale: 'ar' })
    const document = wrapper.find('[data-testid=legal-document]')
    expect(document.find('h1').text()).toBe('سياسة الخصوصية')
    expect(document.findAll('section h2').map((heading) => heading.text())).toEqual(defaultLegalDocuments.privacy.ar.sections.map((section) => section.heading))
    expect(document.find('[data-testid=legal-effective-date]').text()).toContain('تاريخ السريان')
    expect(document.find('table').text()).toContain('waqtor_token')
  })

  it('opens the cookie preferences from the privacy policy', async () => {
    const { wrapper } = await mountPage(PrivacyPage, { role: null })
    await wrapper.find('[data-testid=consent-preferences-link]').trigger('click')
    expect(useConsentStore().preferencesOpen).toBe(true)
  })

  it('shows the terms of service with a link to the privacy policy', async () => {
    const { wrapper } = await mountPage(TermsPage, { role: null })
    expect(wrapper.find('[data-testid=legal-document] h1').text()).toBe('Terms of Service')
    expect(wrapper.find('[data-testid=legal-document]').text()).toContain('MIT')
    expect(wrapper.find('a[href="/privacy"]').exists()).toBe(true)
  })

  it("shows the operator's own text once a plugin replaces the default", async () => {
    const { wrapper } = await mountPage(PrivacyPage, { role: null, locale: 'ar' })
    replaceLegalDocument('privacy', { en: { title: 'Acme privacy notice', summary: 'Ours.', effectiveDate: '2027-01-01', sections: [{ id: 'who', heading: 'Who we are', body: ['Acme Ltd.'] }] } })
    await wrapper.vm.$nextTick()
    // No Arabic version given: the English one is shown rather than nothing.
    expect(wrapper.find('[data-testid=legal-document] h1').text()).toBe('Acme privacy notice')
    expect(wrapper.findAll('[data-testid=legal-document] section h2').map((heading) => heading.text())).toEqual(['Who we are'])
  })
})
