import { shallowReactive } from 'vue'
import type { Locale } from '../../../i18n/locales.ts'
import type { LegalDocumentContent, LegalDocumentKind } from './legal-document-types.ts'
import privacyAr from './privacy-ar.ts'
import privacyEn from './privacy-en.ts'
import termsAr from './terms-ar.ts'
import termsEn from './terms-en.ts'

export type LocalizedLegalDocument = { en: LegalDocumentContent; ar?: LegalDocumentContent }

/** The texts WaQtor ships: sensible defaults for a self-hosted installation, in every panel language. */
export const defaultLegalDocuments: Record<LegalDocumentKind, Record<Locale, LegalDocumentContent>> = {
  privacy: { en: privacyEn, ar: privacyAr },
  terms: { en: termsEn, ar: termsAr },
}

const documents = shallowReactive<Record<LegalDocumentKind, LocalizedLegalDocument>>({ ...defaultLegalDocuments })

/** The document in a language, falling back to English where a replacement has no translation. */
export function legalDocument(kind: LegalDocumentKind, locale: Locale): LegalDocumentContent {
  const localized = documents[kind]
  return (locale === 'ar' ? localized.ar : undefined) ?? localized.en
}

/**
 * Puts the operator's own text in place of a default document (the GDPR plugin does this with the
 * texts the operator wrote). The pages showing it update at once.
 */
export function replaceLegalDocument(kind: LegalDocumentKind, localized: LocalizedLegalDocument): void {
  documents[kind] = localized
}

/** Back to the shipped text. */
export function restoreLegalDocument(kind: LegalDocumentKind): void {
  documents[kind] = defaultLegalDocuments[kind]
}
