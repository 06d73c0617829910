/** A paragraph, a bullet list, or a small table (header row, then rows). */
export type LegalBlock = string | { list: string[] } | { table: { head: string[]; rows: string[][] } }

export interface LegalSection {
  /** Stable anchor, the same in every language (`#cookies`). */
  id: string
  heading: string
  body: LegalBlock[]
}

/** One legal document in one language. */
export interface LegalDocumentContent {
  title: string
  /** A short plain-language summary shown before the sections. */
  summary: string
  /** ISO date (YYYY-MM-DD) from which this version applies. */
  effectiveDate: string
  sections: LegalSection[]
}

export type LegalDocumentKind = 'privacy' | 'terms'
